import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One open intake per person per organisation: a claim row per (person, organisation) naming the trajectory that
 * holds it. Written by the commands that make a trajectory open somewhere (open, reopen, transfer) before they
 * append, and released by closures and transfers after (docs/adr/0014). Not a projection: uniqueness cannot wait
 * for one. Ids only, no personal data.
 */
export class IntakeOpenClaims1764633600001 implements MigrationInterface {
  readonly name = 'IntakeOpenClaims1764633600001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE intake_open_claims (
        client_id       uuid        NOT NULL,
        organisation_id text        NOT NULL,
        trajectory_id   uuid        NOT NULL,
        claimed_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (client_id, organisation_id)
      )`);
    await runner.query('CREATE INDEX intake_open_claims_by_trajectory ON intake_open_claims (trajectory_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE intake_open_claims');
  }
}
