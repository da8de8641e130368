import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClientsConsents1764547200005 implements MigrationInterface {
  readonly name = 'ClientsConsents1764547200005';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE clients_consents (
        consent_id           uuid PRIMARY KEY,
        client_id            uuid NOT NULL,
        scope                text NOT NULL,
        organisation_id      text,
        valid_from           date NOT NULL,
        valid_until          date,
        withdrawn_on         date,
        recorded_by          text NOT NULL,
        last_applied_commit  numeric(20, 0) NOT NULL,
        last_applied_prepare numeric(20, 0) NOT NULL
      )`);
    await runner.query('CREATE INDEX clients_consents_by_client ON clients_consents (client_id)');
    await runner.query('CREATE INDEX clients_consents_by_scope ON clients_consents (scope, client_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE clients_consents');
  }
}
