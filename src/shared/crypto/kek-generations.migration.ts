import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The key-encryption keys (KEK generations) this database has had, by id (a keyed fingerprint, never the key): when
 * each was first used and when a rotation retired it. The age of the current one says when rotation is due; the
 * retirement date says from when the old one may be destroyed (docs/privacy.md, "The erasure horizon").
 */
export class PersonalDataKekGenerations1765065600023 implements MigrationInterface {
  readonly name = 'PersonalDataKekGenerations1765065600023';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE personal_data_kek_generations (
        kek_id        text        PRIMARY KEY,
        first_used_at timestamptz NOT NULL DEFAULT now(),
        retired_at    timestamptz
      )`);
    // The keys that exist already were wrapped by their KEK from at least the time they were made or rewrapped.
    await runner.query(`
      INSERT INTO personal_data_kek_generations (kek_id, first_used_at)
      SELECT kek_id, min(coalesce(rewrapped_at, created_at)) FROM personal_data_keys
       WHERE kek_id IS NOT NULL GROUP BY kek_id`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE personal_data_kek_generations');
  }
}
