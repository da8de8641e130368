import type { Position, RecordedEvent } from '../../src/shared/event-store';
import {
  EVENT_COLUMNS,
  type EventRow,
  toRecordedEvent,
} from '../../src/shared/event-store/postgres/postgres-event-rows';

/**
 * The committed log of a PostgreSQL event store, in `$all` order, **without** the delivery horizon.
 *
 * `readAll` and subscriptions stop before the oldest transaction still running on the whole server (transaction ids
 * are server-wide), so while another test suite holds a transaction open in its own database, the newest events here
 * are not shown yet, and show up a moment later. A test that checks what was written (or that nothing was), once its
 * own writers are done, reads the table instead.
 */
type Queryable = { query(sql: string, values?: unknown[]): Promise<{ rows: unknown[] } | unknown[]> };

async function rows(queryable: Queryable, sql: string, values: unknown[] = []): Promise<RecordedEvent[]> {
  const result = await queryable.query(sql, values);
  return ((Array.isArray(result) ? result : result.rows) as EventRow[]).map(toRecordedEvent);
}

/** Every committed event, or those after `after` (exclusive). */
export function committedEvents(queryable: Queryable, after?: Position): Promise<RecordedEvent[]> {
  const [commit, prepare] = after ? [after.commit.toString(), after.prepare.toString()] : ['0', '0'];
  return rows(
    queryable,
    `SELECT ${EVENT_COLUMNS} FROM es_events e
      WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
      ORDER BY e.transaction_id, e.global_position`,
    [commit, prepare],
  );
}

/** The position of the last committed event: unchanged after a command means nothing was appended. */
export async function committedHead(queryable: Queryable): Promise<Position | undefined> {
  const [last] = await rows(
    queryable,
    `SELECT ${EVENT_COLUMNS} FROM es_events e ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
  );
  return last?.position;
}
