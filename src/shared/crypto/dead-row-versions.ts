import type { SqlRunner } from './sql-runner';

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Rewrites the tables into new files (`VACUUM FULL`: heap, indexes and TOAST), so that the row versions an erasure
 * deleted or overwrote are gone from the database's files at once. Plain VACUUM is not enough: it marks the space
 * free, and a page keeps the old bytes in its free space until something happens to be written over them (ADR 0022).
 *
 * Takes an exclusive lock on each table for the rewrite (milliseconds for these tables). Cannot run inside a
 * transaction: pass the `DataSource`, never a transaction's `EntityManager`. A version still visible to a
 * transaction that began before the erasure and is still open survives this rewrite, and goes with the next one.
 */
export async function rewriteTables(db: SqlRunner, tables: readonly string[]): Promise<void> {
  if (tables.length === 0) return;
  for (const table of tables) {
    if (!TABLE_NAME.test(table)) throw new Error('rewriteTables takes plain table names');
  }
  await db.query(`VACUUM (FULL) ${tables.join(', ')}`);
}
