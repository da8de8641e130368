import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one row: set when the `clients.erasures` projection destroyed a key or hashes itself (after a restore), so
 * that `ErasureRewrites` rewrites the tables outside the projection's transaction (ADR 0022).
 */
export class ClientsErasureRewrites1765065600222 implements MigrationInterface {
  readonly name = 'ClientsErasureRewrites1765065600222';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE clients_erasure_rewrites_due (
        singleton boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
        due_since timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE clients_erasure_rewrites_due');
  }
}
