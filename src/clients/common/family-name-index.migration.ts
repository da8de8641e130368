import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A third kind of blind index: the keyed hash of a person's family name as searches compare it (docs/adr/0028).
 * Not unique: many people share a family name. Written at registration and by `FamilyNameBackfill` for the people
 * registered before it; erasure deletes it with the person's other hashes.
 */
export class ClientsFamilyNameIndex1796800000000 implements MigrationInterface {
  readonly name = 'ClientsFamilyNameIndex1796800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE clients_identity_index DROP CONSTRAINT clients_identity_index_kind_check');
    await runner.query(
      `ALTER TABLE clients_identity_index ADD CONSTRAINT clients_identity_index_kind_check
         CHECK (kind IN ('insz', 'name_birth_date', 'family_name'))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM clients_identity_index WHERE kind = 'family_name'`);
    await runner.query('ALTER TABLE clients_identity_index DROP CONSTRAINT clients_identity_index_kind_check');
    await runner.query(
      `ALTER TABLE clients_identity_index ADD CONSTRAINT clients_identity_index_kind_check
         CHECK (kind IN ('insz', 'name_birth_date'))`,
    );
  }
}
