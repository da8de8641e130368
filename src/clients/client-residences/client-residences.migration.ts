import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClientsResidences1764547200004 implements MigrationInterface {
  readonly name = 'ClientsResidences1764547200004';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE clients_residences (
        residence_key        text PRIMARY KEY,
        client_id            uuid NOT NULL,
        effective_from       date,
        municipality_id      uuid NOT NULL,
        last_applied_commit  numeric(20, 0) NOT NULL,
        last_applied_prepare numeric(20, 0) NOT NULL
      )`);
    await runner.query(
      'CREATE INDEX clients_residences_by_client ON clients_residences (client_id, effective_from NULLS FIRST)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE clients_residences');
  }
}
