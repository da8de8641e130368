import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClientsPeople1764547200002 implements MigrationInterface {
  readonly name = 'ClientsPeople1764547200002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE clients_people (
        client_id            uuid PRIMARY KEY,
        registered_by        text NOT NULL,
        registered_on        date NOT NULL,
        personal_data        jsonb,
        address              jsonb,
        address_from         date,
        erased_on            date,
        revision             bigint NOT NULL,
        last_applied_commit  numeric(20, 0) NOT NULL,
        last_applied_prepare numeric(20, 0) NOT NULL,
        -- Erased: nothing sealed may remain.
        CHECK (erased_on IS NULL OR (personal_data IS NULL AND address IS NULL))
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE clients_people');
  }
}
