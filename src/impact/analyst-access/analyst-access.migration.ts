import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The database role BI tools (Power BI, Metabase, Excel) log in through, as a member (docs/analysts.md). */
export const ANALYST_ROLE = 'onthaal_analyst';

/** The views the role could read until ImpactPublishedCells1765065600022 replaced them with a table (ADR 0024). */
export const ANALYST_VIEWS = ['intakes_by_month', 'referrals_by_month', 'unmet_needs_by_month'] as const;
/** Reference data the role may read as it is: no person in it. */
export const ANALYST_REFERENCE_TABLES = ['municipalities', 'population_figures', 'organisations'] as const;

/**
 * Creates the role when missing and grants it `readable` (tables or views of the `impact` schema). This migration ran it
 * over the views; the service runs it at every start over what the role may read now (`analyst-role.ts`): a logical
 * restore onto a new cluster carries the database but not the server's roles.
 *
 * The role is cluster-wide while every database migrates on its own (tests create many at once): creation tolerates
 * a concurrent one, and a migration user without CREATEROLE skips it with a notice (the SQL for a DBA is in
 * docs/analysts.md); the grants follow whenever the role exists.
 */
export function grantAnalystAccessSql(readable: readonly string[]): string {
  const tables = readable.map((name) => `impact.${name}`).join(', ');
  return `
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ANALYST_ROLE}') THEN
          BEGIN
            CREATE ROLE ${ANALYST_ROLE} NOLOGIN;
          EXCEPTION
            -- Another database of this server created it at the same moment.
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
              RAISE NOTICE 'Role ${ANALYST_ROLE} not created: the migration user lacks CREATEROLE (docs/analysts.md)';
          END;
        END IF;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ANALYST_ROLE}') THEN
          GRANT USAGE ON SCHEMA impact TO ${ANALYST_ROLE};
          GRANT SELECT ON ${tables} TO ${ANALYST_ROLE};
        END IF;
      END $$`;
}

/** Where a person lived on `date` and whether they may be counted then: the rules of the API's queries, frozen here. */
function counted(client: string, date: string): { join: string; where: string } {
  return {
    join: `JOIN LATERAL (
        SELECT r.municipality_id FROM impact.residences r
         WHERE r.client_id = ${client} AND (r.effective_from IS NULL OR r.effective_from <= ${date})
         ORDER BY r.effective_from DESC NULLS LAST LIMIT 1) residence ON true`,
    where: `EXISTS (
        SELECT 1 FROM impact.reporting_consents c
         WHERE c.client_id = ${client} AND c.valid_from <= ${date}
           AND (c.valid_until IS NULL OR ${date} <= c.valid_until)
           AND (c.withdrawn_on IS NULL OR ${date} < c.withdrawn_on))`,
  };
}

/** A group's figures, or NULL when fewer people than the published threshold are behind them. */
function suppressed(column: string): string {
  return `CASE WHEN g.people < s.suppression_threshold THEN NULL ELSE g.${column} END AS ${column}`;
}

/**
 * The monthly views over the fact tables, as this migration made them; `ImpactPublishedCells1765065600022` drops them
 * and brings them back when reverted.
 */
export async function createMonthlyViews(runner: QueryRunner): Promise<void> {
  const intake = counted('i.client_id', 'i.occurred_on');
  await runner.query(`
      CREATE VIEW impact.intakes_by_month AS
      WITH g AS (
        SELECT date_trunc('month', i.occurred_on::timestamp)::date AS month, residence.municipality_id, i.origin,
               count(*) AS intakes, count(DISTINCT i.client_id) AS people
          FROM impact.intakes i
          ${intake.join}
         WHERE ${intake.where}
         GROUP BY 1, 2, 3)
      SELECT g.month, g.municipality_id, g.origin, ${suppressed('intakes')}, ${suppressed('people')},
             g.people < s.suppression_threshold AS suppressed
        FROM g CROSS JOIN impact.publication_settings s`);

  const referral = counted('f.client_id', 'f.occurred_on');
  await runner.query(`
      CREATE VIEW impact.referrals_by_month AS
      WITH g AS (
        SELECT date_trunc('month', f.occurred_on::timestamp)::date AS month,
               f.from_organisation_id, f.to_organisation_id,
               count(*) AS referrals,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM impact.referral_milestones m
                                               WHERE m.referral_id = f.referral_id AND m.milestone = 'accepted'))
                 AS accepted,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM impact.referral_milestones m
                                               WHERE m.referral_id = f.referral_id AND m.milestone = 'declined'))
                 AS declined,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM impact.referral_milestones m
                                               WHERE m.referral_id = f.referral_id
                                                 AND m.milestone IN ('service_started', 'completed')))
                 AS service_started,
               count(DISTINCT f.client_id) AS people
          FROM impact.referrals f
         WHERE ${referral.where}
         GROUP BY 1, 2, 3)
      SELECT g.month, g.from_organisation_id, g.to_organisation_id, ${suppressed('referrals')},
             ${suppressed('accepted')}, ${suppressed('declined')}, ${suppressed('service_started')},
             ${suppressed('people')}, g.people < s.suppression_threshold AS suppressed
        FROM g CROSS JOIN impact.publication_settings s`);

  const unmet = counted('i.client_id', 'u.occurred_on');
  await runner.query(`
      CREATE VIEW impact.unmet_needs_by_month AS
      WITH g AS (
        SELECT date_trunc('month', u.occurred_on::timestamp)::date AS month, residence.municipality_id,
               u.life_domain, u.reason, count(*) AS unmet_needs, count(DISTINCT i.client_id) AS people
          FROM impact.unmet_needs u
          JOIN impact.intakes i ON i.trajectory_id = u.trajectory_id
          ${unmet.join}
         WHERE ${unmet.where}
         GROUP BY 1, 2, 3, 4)
      SELECT g.month, g.municipality_id, g.life_domain, g.reason, ${suppressed('unmet_needs')},
             ${suppressed('people')}, g.people < s.suppression_threshold AS suppressed
        FROM g CROSS JOIN impact.publication_settings s`);
}

/**
 * What BI tools may read (docs/analysts.md, "The BI role"). Views (not the fact tables, which hold person keys) that
 * aggregate per month with the consent and residence rules and primary suppression, reading the threshold the service
 * publishes in `impact.publication_settings`. The SQL is frozen here like any migration: a change to the rules is a
 * new migration that replaces the views (as `ImpactPublishedCells1765065600022` did). The role: `grantAnalystAccessSql`.
 */
export class ImpactAnalystAccess1765065600001 implements MigrationInterface {
  readonly name = 'ImpactAnalystAccess1765065600001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE impact.publication_settings (
        singleton              boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        suppression_threshold  integer NOT NULL CHECK (suppression_threshold >= 2)
      )`);
    await runner.query('INSERT INTO impact.publication_settings (suppression_threshold) VALUES (10)');

    await createMonthlyViews(runner);

    await runner.query(grantAnalystAccessSql([...ANALYST_VIEWS, ...ANALYST_REFERENCE_TABLES]));
  }

  async down(runner: QueryRunner): Promise<void> {
    // The role is the server's, maybe used by other databases: only this database's grants go.
    await runner.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ANALYST_ROLE}') THEN
          REVOKE ALL ON ALL TABLES IN SCHEMA impact FROM ${ANALYST_ROLE};
          REVOKE USAGE ON SCHEMA impact FROM ${ANALYST_ROLE};
        END IF;
      END $$`);
    for (const view of ANALYST_VIEWS) await runner.query(`DROP VIEW impact.${view}`);
    await runner.query('DROP TABLE impact.publication_settings');
  }
}
