import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ANALYST_REFERENCE_TABLES, ANALYST_ROLE, ANALYST_VIEWS, createMonthlyViews } from './analyst-access.migration';

/** The table BI tools read: every indicator by month, as published (ADR 0024). */
export const PUBLISHED_CELLS = 'published_cells';

/**
 * Per-table statistics and sizes any role may read by default (`pg_stat_user_tables`, `pg_relation_size`): row counts
 * of tables the BI role may not read, such as the number of people. PostgreSQL grants them to PUBLIC, so only PUBLIC
 * can lose them; the migration user (the service) and `pg_monitor` get them back.
 */
const STATISTICS_FUNCTIONS = `
  SELECT p.oid::regprocedure AS fn FROM pg_proc p
   WHERE p.pronamespace = 'pg_catalog'::regnamespace
     AND (p.proname ~ '^pg_stat_get_(xact_)?(live_tuples|dead_tuples|numscans|tuples_|blocks_|mod_since_analyze|ins_since_vacuum|last_|vacuum_count|autovacuum_count|analyze_count|autoanalyze_count)'
          OR p.proname IN ('pg_relation_size', 'pg_total_relation_size', 'pg_table_size', 'pg_indexes_size'))`;

/** What the role may read since this migration: the published figures and the reference data. */
export const ANALYST_READABLE: readonly string[] = [PUBLISHED_CELLS, ...ANALYST_REFERENCE_TABLES];

/**
 * Takes temporary tables and the per-table statistics functions of this database away from PUBLIC, giving them back
 * to the current user (the service) and `pg_monitor`. Run by this migration and, when a logical restore lost these
 * privileges, at start (`analyst-role.ts`). Each step needs privileges a migration user may lack: then it is skipped
 * with a notice (docs/analysts.md, "The BI role", has the SQL for a DBA).
 */
export function withholdStatisticsSql(): string {
  return `
      DO $$
      DECLARE
        fn regprocedure;
      BEGIN
        BEGIN
          EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
          EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO %I', current_database(), current_user);
        EXCEPTION WHEN insufficient_privilege THEN
          RAISE NOTICE 'TEMPORARY not revoked from PUBLIC: the migration user does not own the database (docs/analysts.md)';
        END;
        BEGIN
          FOR fn IN ${STATISTICS_FUNCTIONS} LOOP
            EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', fn);
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I, pg_monitor', fn, current_user);
          END LOOP;
        EXCEPTION WHEN insufficient_privilege THEN
          RAISE NOTICE 'Statistics functions not revoked from PUBLIC: the migration user is no superuser (docs/analysts.md)';
        END;
      END $$`;
}

/**
 * What BI tools see becomes a table of published figures, refreshed by the service with the API's suppression
 * (`published-cells.ts`), instead of views over the fact tables: no plan, statistic or timing of the role's queries
 * then rests on a suppressed count. The role loses the views, reads this table and the reference data, may not create
 * temporary tables (a place to keep and join extracts over time is not what a read-only publication needs), and
 * loses the per-table statistics functions of this database. Each step needs privileges a migration user may lack
 * (docs/analysts.md, "The BI role": the SQL for a DBA): then it is skipped with a notice.
 */
export class ImpactPublishedCells1765065600022 implements MigrationInterface {
  readonly name = 'ImpactPublishedCells1765065600022';

  async up(runner: QueryRunner): Promise<void> {
    for (const view of ANALYST_VIEWS) await runner.query(`DROP VIEW impact.${view}`);
    await runner.query(`
      CREATE TABLE impact.${PUBLISHED_CELLS} (
        indicator          text NOT NULL,
        indicator_version  integer NOT NULL,
        unit               text NOT NULL,
        month              date NOT NULL,
        municipality_id    text,
        category           text,
        value              double precision,
        base               integer,
        suppressed         boolean NOT NULL,
        reference_date     date NOT NULL,
        position_commit    numeric,
        position_prepare   numeric
      )`);
    await runner.query(`CREATE INDEX ON impact.${PUBLISHED_CELLS} (indicator, month)`);
    await runner.query(
      `DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ANALYST_ROLE}') THEN
         GRANT SELECT ON ${ANALYST_READABLE.map((name) => `impact.${name}`).join(', ')} TO ${ANALYST_ROLE};
       END IF; END $$`,
    );
    await runner.query(withholdStatisticsSql());
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DO $$
      DECLARE
        fn regprocedure;
      BEGIN
        BEGIN
          FOR fn IN ${STATISTICS_FUNCTIONS} LOOP
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO PUBLIC', fn);
          END LOOP;
          EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO PUBLIC', current_database());
        EXCEPTION WHEN insufficient_privilege THEN NULL;
        END;
      END $$`);
    await runner.query(`DROP TABLE impact.${PUBLISHED_CELLS}`);
    await createMonthlyViews(runner);
    const views = ANALYST_VIEWS.map((view) => `impact.${view}`).join(', ');
    await runner.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ANALYST_ROLE}') THEN
          GRANT SELECT ON ${views} TO ${ANALYST_ROLE};
        END IF;
      END $$`);
  }
}
