import { rowsOf, type SqlRunner } from '../database/sql-runner';

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

/** How long a rewrite waits for transactions that may still see the deleted versions before it rewrites anyway. */
const OLDER_SNAPSHOTS_WAIT_MS = 5_000;
const OLDER_SNAPSHOTS_POLL_MS = 20;

/**
 * Rewrites the tables into new files (`VACUUM FULL`: heap, indexes and TOAST), so that the row versions an erasure
 * deleted or overwrote are gone from the database's files at once. Plain VACUUM is not enough: it marks the space
 * free, and a page keeps the old bytes in its free space until something happens to be written over them (ADR 0022).
 *
 * A version that a transaction begun before the deletion may still see is copied into the new file, so the rewrite
 * first waits (up to `OLDER_SNAPSHOTS_WAIT_MS`) until no other session of this database holds a snapshot or a
 * transaction id from before now. Returns false when it had to rewrite before they ended: then the caller asks for
 * another rewrite later. Takes an exclusive lock on each table for the rewrite (milliseconds for these tables).
 * Cannot run inside a transaction: pass the `DataSource`, never a transaction's `EntityManager`.
 */
export async function rewriteTables(db: SqlRunner, tables: readonly string[]): Promise<boolean> {
  if (tables.length === 0) return true;
  for (const table of tables) {
    if (!TABLE_NAME.test(table)) throw new Error('rewriteTables takes plain table names');
  }
  const complete = await olderSnapshotsEnded(db);
  await db.query(`VACUUM (FULL) ${tables.join(', ')}`);
  return complete;
}

/** Waits until every other session of this database took its snapshot after now (or holds none); false on time-out. */
async function olderSnapshotsEnded(db: SqlRunner): Promise<boolean> {
  // The next transaction id: a snapshot whose xmin has reached it saw every transaction committed before now.
  const [now] = rowsOf<{ xid: string }>(
    await db.query(`SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint % 4294967296)::text AS xid`),
  );
  const deadline = Date.now() + OLDER_SNAPSHOTS_WAIT_MS;
  for (;;) {
    const [older] = rowsOf<{ sessions: number }>(
      await db.query(
        `SELECT count(*)::int AS sessions FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND (age(backend_xmin) > age($1::xid) OR age(backend_xid) > age($1::xid))`,
        [now!.xid],
      ),
    );
    if ((older?.sessions ?? 0) === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, OLDER_SNAPSHOTS_POLL_MS));
  }
}
