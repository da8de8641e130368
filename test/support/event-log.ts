import type { RecordedEvent } from '../../src/shared/event-store';
import {
  EVENT_COLUMNS,
  type EventRow,
  toRecordedEvent,
} from '../../src/shared/event-store/postgres/postgres-event-rows';

/**
 * Every committed event of a PostgreSQL event store, in `$all` order, **without** the delivery horizon.
 *
 * `readAll` and subscriptions stop before the oldest transaction still running on the whole server (transaction ids
 * are server-wide), so while another test suite holds a transaction open in its own database, the newest events here
 * are not shown yet. A test that checks what was written, once its writers are done, reads the table instead.
 */
export async function committedEvents(queryable: {
  query(sql: string): Promise<{ rows: unknown[] } | unknown[]>;
}): Promise<RecordedEvent[]> {
  const result = await queryable.query(
    `SELECT ${EVENT_COLUMNS} FROM es_events e ORDER BY e.transaction_id, e.global_position`,
  );
  const rows = (Array.isArray(result) ? result : result.rows) as EventRow[];
  return rows.map(toRecordedEvent);
}
