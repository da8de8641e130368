import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The casework read models (docs/casework.md): case notes (text sealed), tasks (ids, codes and dates), and the users
 * each organisation's events show (who may be assigned a task: docs/adr/0030).
 */
export class Casework1797000000000 implements MigrationInterface {
  readonly name = 'Casework1797000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE casework_case_notes (
        note_id              uuid PRIMARY KEY,
        trajectory_id        uuid NOT NULL,
        client_id            uuid NOT NULL,
        organisation_id      text NOT NULL,
        author_id            text NOT NULL,
        written_at           text NOT NULL,
        sequence             bigint NOT NULL,
        text                 jsonb NOT NULL,
        last_applied_commit  numeric(20, 0) NOT NULL,
        last_applied_prepare numeric(20, 0) NOT NULL
      )`);
    await runner.query(
      'CREATE INDEX casework_case_notes_trajectory ON casework_case_notes (trajectory_id, sequence DESC)',
    );
    // Subject access finds a person's notes.
    await runner.query('CREATE INDEX casework_case_notes_client ON casework_case_notes (client_id)');
    await runner.query(`
      CREATE TABLE casework_tasks (
        task_id              uuid PRIMARY KEY,
        trajectory_id        uuid NOT NULL,
        client_id            uuid NOT NULL,
        organisation_id      text NOT NULL,
        assignee_id          text NOT NULL,
        kind                 text NOT NULL,
        status               text NOT NULL,
        due_on               date NOT NULL,
        planned_on           date NOT NULL,
        closed_on            date,
        has_description      boolean NOT NULL,
        revision             bigint NOT NULL,
        last_applied_commit  numeric(20, 0) NOT NULL,
        last_applied_prepare numeric(20, 0) NOT NULL
      )`);
    await runner.query('CREATE INDEX casework_tasks_assignee ON casework_tasks (assignee_id, status, due_on)');
    await runner.query('CREATE INDEX casework_tasks_organisation ON casework_tasks (organisation_id, status, due_on)');
    await runner.query('CREATE INDEX casework_tasks_trajectory ON casework_tasks (trajectory_id)');
    await runner.query('CREATE INDEX casework_tasks_client ON casework_tasks (client_id)');
    await runner.query(`
      CREATE TABLE casework_known_users (
        user_id              text PRIMARY KEY,
        organisation_id      text NOT NULL,
        last_applied_commit  numeric(20, 0) NOT NULL,
        last_applied_prepare numeric(20, 0) NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE casework_known_users');
    await runner.query('DROP TABLE casework_tasks');
    await runner.query('DROP TABLE casework_case_notes');
  }
}
