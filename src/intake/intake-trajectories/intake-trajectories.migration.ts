import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeTrajectories1764633600002 implements MigrationInterface {
  readonly name = 'IntakeTrajectories1764633600002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE intake_trajectories (
        trajectory_id        uuid PRIMARY KEY,
        client_id            uuid NOT NULL,
        organisation_id      text NOT NULL,
        caseworker_id        text,
        status               text NOT NULL CHECK (status IN ('open', 'closed')),
        origin               text NOT NULL,
        opened_on            date NOT NULL,
        closed_on            date,
        last_activity_on     date NOT NULL,
        detail               jsonb NOT NULL,
        personal_data_erased boolean NOT NULL,
        revision             bigint NOT NULL,
        last_applied_commit  numeric(20, 0) NOT NULL,
        last_applied_prepare numeric(20, 0) NOT NULL,
        -- Erased: no sealed need description may remain.
        CHECK (NOT personal_data_erased OR NOT jsonb_path_exists(detail, '$.needs[*].description ? (@ != null)'))
      )`);
    // The caseload: an organisation's trajectories by status and caseworker, longest open first.
    await runner.query(
      `CREATE INDEX intake_trajectories_caseload ON intake_trajectories (organisation_id, status, opened_on, trajectory_id)`,
    );
    await runner.query('CREATE INDEX intake_trajectories_by_client ON intake_trajectories (client_id)');
    await runner.query(`
      CREATE TABLE intake_trajectory_referrals (
        referral_id          uuid PRIMARY KEY,
        trajectory_id        uuid NOT NULL,
        to_organisation_id   text NOT NULL,
        service              text,
        life_domain          text NOT NULL,
        status               text NOT NULL,
        sent_on              date NOT NULL,
        due_on               date NOT NULL,
        status_since         date NOT NULL,
        last_applied_commit  numeric(20, 0) NOT NULL,
        last_applied_prepare numeric(20, 0) NOT NULL
      )`);
    await runner.query(
      'CREATE INDEX intake_trajectory_referrals_by_trajectory ON intake_trajectory_referrals (trajectory_id, sent_on)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE intake_trajectory_referrals');
    await runner.query('DROP TABLE intake_trajectories');
  }
}
