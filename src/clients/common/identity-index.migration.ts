import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Blind indexes of people: keyed hashes (HMAC) of the INSZ and of name and birth date, never the values. The INSZ
 * one is unique: it is how a person is registered once for the region. Written by the commands, not by a
 * projection (uniqueness cannot wait for a projection); erasure deletes a person's rows.
 */
export class ClientsIdentityIndex1764547200001 implements MigrationInterface {
  readonly name = 'ClientsIdentityIndex1764547200001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE clients_identity_index (
        kind        text        NOT NULL CHECK (kind IN ('insz', 'name_birth_date')),
        blind_index text        NOT NULL,
        client_id   uuid        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, blind_index, client_id)
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX clients_identity_index_one_per_insz ON clients_identity_index (blind_index) WHERE kind = 'insz'`,
    );
    await runner.query('CREATE INDEX clients_identity_index_by_client ON clients_identity_index (client_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE clients_identity_index');
  }
}
