import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every fact row says when the fact happened, when it was recorded, and at which `$all` position (both halves). */
const FACT = `
        occurred_on          date NOT NULL,
        recorded_at          timestamptz NOT NULL,
        position_commit      numeric(20, 0) NOT NULL,
        position_prepare     numeric(20, 0) NOT NULL`;

/**
 * The `impact` schema: facts for the analysts' side, filled by the projection `impact.facts` (docs/analysts.md
 * describes every table and column; docs/adr/0016-impact-measurement.md the design). Ids are text, as in the events:
 * a malformed id in an event must not stop the projection.
 */
export class ImpactFacts1765065600000 implements MigrationInterface {
  readonly name = 'ImpactFacts1765065600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE SCHEMA IF NOT EXISTS impact');
    await runner.query(`
      CREATE TABLE impact.residences (
        residence_key        text PRIMARY KEY,
        client_id            text NOT NULL,
        effective_from       date,
        municipality_id      text NOT NULL,${FACT}
      )`);
    await runner.query(
      'CREATE INDEX impact_residences_by_client ON impact.residences (client_id, effective_from NULLS FIRST)',
    );
    await runner.query(`
      CREATE TABLE impact.reporting_consents (
        consent_id                   text PRIMARY KEY,
        client_id                    text NOT NULL,
        valid_from                   date NOT NULL,
        valid_until                  date,
        withdrawn_on                 date,
        withdrawal_recorded_at       timestamptz,
        withdrawal_position_commit   numeric(20, 0),
        withdrawal_position_prepare  numeric(20, 0),${FACT}
      )`);
    await runner.query('CREATE INDEX impact_reporting_consents_by_client ON impact.reporting_consents (client_id)');
    await runner.query(`
      CREATE TABLE impact.intakes (
        trajectory_id              text PRIMARY KEY,
        client_id                  text NOT NULL,
        organisation_id            text NOT NULL,
        origin                     text NOT NULL,
        signal_source              text,
        referring_organisation_id  text,${FACT}
      )`);
    await runner.query('CREATE INDEX impact_intakes_by_date ON impact.intakes (occurred_on)');
    await runner.query('CREATE INDEX impact_intakes_by_client ON impact.intakes (client_id, occurred_on)');
    await runner.query(`
      CREATE TABLE impact.assessment_scores (
        assessment_id        text NOT NULL,
        life_domain          text NOT NULL,
        trajectory_id        text NOT NULL,
        score                smallint NOT NULL,${FACT},
        PRIMARY KEY (assessment_id, life_domain)
      )`);
    await runner.query(
      'CREATE INDEX impact_assessment_scores_by_trajectory ON impact.assessment_scores (trajectory_id)',
    );
    await runner.query(`
      CREATE TABLE impact.right_milestones (
        trajectory_id        text NOT NULL,
        right_id             text NOT NULL,
        milestone            text NOT NULL,
        life_domain          text,
        refusal_reason       text,${FACT},
        PRIMARY KEY (trajectory_id, right_id, milestone)
      )`);
    await runner.query(`
      CREATE TABLE impact.unmet_needs (
        unmet_need_id        text PRIMARY KEY,
        trajectory_id        text NOT NULL,
        life_domain          text NOT NULL,
        reason               text NOT NULL,${FACT}
      )`);
    await runner.query('CREATE INDEX impact_unmet_needs_by_date ON impact.unmet_needs (occurred_on)');
    await runner.query(`
      CREATE TABLE impact.referrals (
        referral_id              text PRIMARY KEY,
        trajectory_id            text NOT NULL,
        client_id                text NOT NULL,
        from_organisation_id     text NOT NULL,
        to_organisation_id       text NOT NULL,
        from_municipality_id     text,
        to_municipality_id       text,
        life_domain              text NOT NULL,
        warm                     boolean NOT NULL,
        due_on                   date NOT NULL,
        previous_referral_id     text,${FACT}
      )`);
    await runner.query('CREATE INDEX impact_referrals_by_date ON impact.referrals (occurred_on)');
    await runner.query('CREATE INDEX impact_referrals_by_trajectory ON impact.referrals (trajectory_id)');
    await runner.query(`
      CREATE TABLE impact.referral_milestones (
        referral_id          text NOT NULL,
        milestone            text NOT NULL,
        reason               text,${FACT},
        PRIMARY KEY (referral_id, milestone)
      )`);
    await runner.query(`
      CREATE TABLE impact.municipalities (
        municipality_id      text PRIMARY KEY,
        name                 text NOT NULL,
        nis_code             text,
        member               boolean NOT NULL,
        recorded_at          timestamptz NOT NULL,
        position_commit      numeric(20, 0) NOT NULL,
        position_prepare     numeric(20, 0) NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE impact.population_figures (
        event_id             text PRIMARY KEY,
        municipality_id      text NOT NULL,
        year                 integer NOT NULL,
        population           integer NOT NULL,
        approximate          boolean NOT NULL,${FACT}
      )`);
    await runner.query(
      'CREATE INDEX impact_population_figures_by_municipality ON impact.population_figures (municipality_id, year)',
    );
    await runner.query(`
      CREATE TABLE impact.organisations (
        organisation_id      text PRIMARY KEY,
        name                 text NOT NULL,
        type                 text NOT NULL,
        municipality_id      text,
        recorded_at          timestamptz NOT NULL,
        position_commit      numeric(20, 0) NOT NULL,
        position_prepare     numeric(20, 0) NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP SCHEMA impact CASCADE');
  }
}
