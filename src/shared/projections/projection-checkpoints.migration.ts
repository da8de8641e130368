import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The projections' checkpoints. Both halves of a `$all` position are kept, as numeric(20,0): EventStoreDB positions
 * and PostgreSQL's xid8 are unsigned 64-bit and may not fit a signed bigint. NULL positions mean `start`.
 */
export class ProjectionCheckpoints1764201600000 implements MigrationInterface {
  readonly name = 'ProjectionCheckpoints1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_checkpoints (
        name               text           NOT NULL,
        version            integer        NOT NULL,
        generation         integer        NOT NULL DEFAULT 0,
        commit_position    numeric(20, 0),
        prepare_position   numeric(20, 0),
        caught_up          boolean        NOT NULL DEFAULT false,
        events_applied     bigint         NOT NULL DEFAULT 0,
        last_event_created timestamptz,
        updated_at         timestamptz    NOT NULL DEFAULT now(),
        PRIMARY KEY (name, version),
        CHECK ((commit_position IS NULL) = (prepare_position IS NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE projection_checkpoints');
  }
}
