import type { Pool, PoolClient } from 'pg';

/**
 * Positions after a logical restore (docs/adr/0023-restores-and-the-transaction-horizon.md).
 *
 * A `$all` position of the PostgreSQL event store is `(transaction id, global position)`, and transaction ids are the
 * server's. `pg_dump` into a new cluster keeps the stored ids while the new server counts from where it is, usually
 * far below: new events would sort before restored ones and stay above the xmin horizon, and every stored position
 * (checkpoints, the `last_applied_*` of read-model rows, the positions of the impact facts) would be ahead of them.
 *
 * The fix-up maps every position through one order-preserving function: restored events get transaction id 1 and
 * keep their `$all` order (their global positions are renumbered only when that order differed from the global
 * position order), and every stored position becomes the new position of the newest event at or before it. Any two
 * positions then compare as they did before, so every "newer than" guard of the read models still holds.
 */

/** A pair of columns that holds a `$all` position (both numeric), found by name in the database's catalogue. */
export interface PositionColumns {
  readonly table: string;
  readonly commit: string;
  readonly prepare: string;
}

export interface PositionsAhead extends PositionColumns {
  readonly rows: number;
}

export interface RestoreInspection {
  /** The next transaction id this server will assign. */
  readonly nextTransactionId: bigint;
  /** The newest transaction id in `es_events`, or null when there are no events. */
  readonly newestTransactionId: bigint | null;
  /** Events whose transaction id this server has not assigned yet. */
  readonly eventsAhead: boolean;
  /** Stored positions whose transaction id this server has not assigned yet, per column pair (only non-empty ones). */
  readonly positionsAhead: readonly PositionsAhead[];
}

export interface RestoreFixUpReport {
  readonly before: RestoreInspection;
  /** Events given transaction id 1. */
  readonly eventsRewritten: number;
  /** Whether global positions had to be renumbered to keep the `$all` order. */
  readonly renumbered: boolean;
  /** Stored positions rewritten, per column pair (only pairs with rows). */
  readonly positionsRewritten: readonly PositionsAhead[];
}

/** What an operator runs when positions are ahead of the server (docs/operations.md, "Backups and restores"). */
export const RESTORE_FIXUP_COMMAND = 'npm run restore:fixup';

/** The service refuses to start on a database whose positions this server has not assigned. */
export class RestoreFixUpRequired extends Error {
  constructor(readonly inspection: RestoreInspection) {
    super(
      `The event store holds transaction ids this PostgreSQL server has not assigned yet (${describeAhead(inspection)}; ` +
        `server's next transaction id ${inspection.nextTransactionId}): the database was restored logically ` +
        `(pg_dump) onto another cluster. Run \`${RESTORE_FIXUP_COMMAND}\` with the same DATABASE_URL before ` +
        'starting the service (docs/operations.md, "Backups and restores").',
    );
    this.name = 'RestoreFixUpRequired';
  }
}

const NEXT_XID = 'pg_snapshot_xmax(pg_current_snapshot())';

type Sql = Pick<PoolClient, 'query'>;

/** Every base table's pair of numeric columns `…commit…` / `…prepare…` (same name otherwise); `es_events` has none. */
export async function findPositionColumns(sql: Sql): Promise<PositionColumns[]> {
  const { rows } = await sql.query<{ schema: string; table: string; commit: string; prepare: string }>(
    `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS commit, p.column_name AS prepare
       FROM information_schema.columns c
       JOIN information_schema.columns p
         ON p.table_schema = c.table_schema AND p.table_name = c.table_name
        AND p.column_name = replace(c.column_name, 'commit', 'prepare') AND p.data_type = 'numeric'
       JOIN information_schema.tables t
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.column_name LIKE '%commit%' AND c.data_type = 'numeric'
        AND c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg_temp%'
      ORDER BY 1, 2, 3`,
  );
  return rows.map((row) => ({
    table: `${quote(row.schema)}.${quote(row.table)}`,
    commit: row.commit,
    prepare: row.prepare,
  }));
}

/** Where positions stand against this server's transaction ids. Cheap on events (an index); scans position tables. */
export async function inspectPositions(sql: Sql): Promise<RestoreInspection> {
  const { rows } = await sql.query<{ next: string; newest: string | null; ahead: boolean }>(
    `SELECT ${NEXT_XID}::text AS next, max(transaction_id)::text AS newest,
            coalesce(max(transaction_id) >= ${NEXT_XID}, false) AS ahead
       FROM es_events`,
  );
  const row = rows[0]!;
  const next = BigInt(row.next);
  const positionsAhead: PositionsAhead[] = [];
  for (const columns of await findPositionColumns(sql)) {
    const count = await countRows(sql, columns, `${quote(columns.commit)} >= $1::numeric`, [row.next]);
    if (count > 0) positionsAhead.push({ ...columns, rows: count });
  }
  return {
    nextTransactionId: next,
    newestTransactionId: row.newest === null ? null : BigInt(row.newest),
    eventsAhead: row.ahead,
    positionsAhead,
  };
}

/** Whether the database holds the PostgreSQL event store (a fresh one does not until its migrations ran). */
export async function hasEventStore(sql: Sql): Promise<boolean> {
  const { rows } = await sql.query<{ table: string | null }>(`SELECT to_regclass('es_events')::text AS table`);
  return rows[0]?.table != null;
}

/** Throws `RestoreFixUpRequired` when any position is ahead of the server: the service must not write then. */
export async function assertPositionsBehindServer(pool: Pool): Promise<void> {
  if (!(await hasEventStore(pool))) return;
  const inspection = await inspectPositions(pool);
  if (inspection.eventsAhead || inspection.positionsAhead.length > 0) throw new RestoreFixUpRequired(inspection);
}

/**
 * Makes every position consistent with this server, in one transaction; a second run finds nothing to do.
 *
 * - Events ahead (a fresh logical restore): every event gets transaction id 1, in its `$all` order, and every stored
 *   position maps to the new position of the newest event at or before it (old order).
 * - Only stored positions ahead (events fixed by hand, as an earlier procedure said): those positions map to the
 *   position of the newest event at or before their global position.
 */
export async function fixUpAfterLogicalRestore(pool: Pool): Promise<RestoreFixUpReport> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Nothing may append meanwhile (a service started too early): wait for the lock, not for ever.
    await client.query(`SET LOCAL lock_timeout = '10s'`);
    await client.query('LOCK TABLE es_events IN EXCLUSIVE MODE');
    const before = await inspectPositions(client);
    let report: RestoreFixUpReport = { before, eventsRewritten: 0, renumbered: false, positionsRewritten: [] };
    if (before.eventsAhead) report = await rewriteEverything(client, before);
    else if (before.positionsAhead.length > 0) report = await rewritePositionsAhead(client, before);
    await client.query('COMMIT');
    return report;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function rewriteEverything(client: PoolClient, before: RestoreInspection): Promise<RestoreFixUpReport> {
  // The old $all order, and whether global positions alone already follow it (the usual case: no two appends
  // committed out of order). Only if not are they renumbered, by rank in the old order.
  await client.query(`
    CREATE TEMPORARY TABLE restore_positions ON COMMIT DROP AS
    SELECT transaction_id::text::numeric AS old_commit, global_position AS old_prepare,
           row_number() OVER (ORDER BY transaction_id, global_position) AS rank,
           global_position < max(global_position) OVER (ORDER BY transaction_id, global_position
                                                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS inverted
      FROM es_events`);
  const { rows } = await client.query<{ renumber: boolean }>(
    'SELECT coalesce(bool_or(inverted), false) AS renumber FROM restore_positions',
  );
  const renumbered = rows[0]!.renumber;
  await client.query('ALTER TABLE restore_positions ADD COLUMN new_prepare bigint');
  await client.query(`UPDATE restore_positions SET new_prepare = ${renumbered ? 'rank' : 'old_prepare'}`);
  await client.query('CREATE UNIQUE INDEX ON restore_positions (old_commit, old_prepare)');
  await client.query('ANALYZE restore_positions');

  let eventsRewritten: number;
  if (renumbered) {
    // Through negative values: the primary key is checked row by row, and a rank may equal another event's position.
    // The identity column takes explicit values only while it is BY DEFAULT; its sequence stays above every rank.
    await client.query('ALTER TABLE es_events ALTER COLUMN global_position SET GENERATED BY DEFAULT');
    await client.query('UPDATE es_events SET global_position = -global_position');
    const updated = await client.query(
      `UPDATE es_events e SET transaction_id = '1', global_position = m.new_prepare
         FROM restore_positions m WHERE m.old_prepare = -e.global_position`,
    );
    eventsRewritten = updated.rowCount ?? 0;
    await client.query('ALTER TABLE es_events ALTER COLUMN global_position SET GENERATED ALWAYS');
  } else {
    const updated = await client.query(`UPDATE es_events SET transaction_id = '1'`);
    eventsRewritten = updated.rowCount ?? 0;
  }

  const positionsRewritten: PositionsAhead[] = [];
  for (const columns of await findPositionColumns(client)) {
    const commit = quote(columns.commit);
    const prepare = quote(columns.prepare);
    // The newest event at or before the stored position, in the old order; none: before every event.
    const updated = await client.query(
      `UPDATE ${columns.table} t
          SET (${commit}, ${prepare}) = (
            SELECT CASE WHEN n.rank IS NULL THEN 0 ELSE 1 END, coalesce(n.rank, 0)
              FROM (SELECT (SELECT m.new_prepare FROM restore_positions m
                             WHERE (m.old_commit, m.old_prepare) <= (t.${commit}, t.${prepare}::bigint)
                             ORDER BY m.old_commit DESC, m.old_prepare DESC LIMIT 1) AS rank) n)
        WHERE t.${commit} IS NOT NULL`,
    );
    if ((updated.rowCount ?? 0) > 0) positionsRewritten.push({ ...columns, rows: updated.rowCount ?? 0 });
  }
  return { before, eventsRewritten, renumbered, positionsRewritten };
}

async function rewritePositionsAhead(client: PoolClient, before: RestoreInspection): Promise<RestoreFixUpReport> {
  const positionsRewritten: PositionsAhead[] = [];
  for (const columns of before.positionsAhead) {
    const commit = quote(columns.commit);
    const prepare = quote(columns.prepare);
    // The newest event at or before the stored global position; none: before every event.
    const updated = await client.query(
      `UPDATE ${columns.table} t
          SET (${commit}, ${prepare}) = (
            SELECT coalesce(n.commit, 0), coalesce(n.prepare, 0)
              FROM (SELECT 1) one
              LEFT JOIN LATERAL (
                SELECT e.transaction_id::text::numeric AS commit, e.global_position AS prepare FROM es_events e
                 WHERE e.global_position <= t.${prepare}
                 ORDER BY e.global_position DESC LIMIT 1) n ON true)
        WHERE t.${commit} >= $1::numeric`,
      [before.nextTransactionId.toString()],
    );
    positionsRewritten.push({ ...columns, rows: updated.rowCount ?? 0 });
  }
  return { before, eventsRewritten: 0, renumbered: false, positionsRewritten };
}

async function countRows(sql: Sql, columns: PositionColumns, where: string, values: unknown[]): Promise<number> {
  const { rows } = await sql.query<{ count: string }>(
    `SELECT count(*)::text AS count FROM ${columns.table} WHERE ${where}`,
    values,
  );
  return Number(rows[0]!.count);
}

function describeAhead(inspection: RestoreInspection): string {
  const parts: string[] = [];
  if (inspection.eventsAhead) parts.push(`events up to transaction id ${inspection.newestTransactionId}`);
  for (const ahead of inspection.positionsAhead) parts.push(`${ahead.rows} position(s) in ${ahead.table}`);
  return parts.join(', ');
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
