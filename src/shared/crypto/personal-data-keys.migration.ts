import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One data key per subject (a person), wrapped by the key-encryption key. Shredding a key keeps the row without the
 * key (`shredded_at`): a tombstone, so that no code can quietly give an erased subject a new key, and the record that
 * the key was destroyed and when. Only identifiers and key material (wrapped) live here.
 */
export class PersonalDataKeys1764547200000 implements MigrationInterface {
  readonly name = 'PersonalDataKeys1764547200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE personal_data_keys (
        subject_id   uuid        PRIMARY KEY,
        wrapped_key  bytea,
        kek_id       text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        rewrapped_at timestamptz,
        shredded_at  timestamptz,
        CHECK ((shredded_at IS NULL) = (wrapped_key IS NOT NULL)),
        CHECK ((wrapped_key IS NULL) = (kek_id IS NULL))
      )`);
    // Rotation scans the keys not yet wrapped by the current KEK.
    await runner.query(
      `CREATE INDEX personal_data_keys_by_kek ON personal_data_keys (kek_id, subject_id) WHERE kek_id IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE personal_data_keys');
  }
}
