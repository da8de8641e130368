import type { JsonObject, Position, RecordedEvent } from '../event-store.port';

/** Columns of `es_events` as every read selects them; 64-bit numbers travel as text and become bigints here. */
export const EVENT_COLUMNS = `
  e.transaction_id::text AS commit, e.global_position::text AS prepare, e.stream_id,
  e.stream_revision::text AS stream_revision, e.event_id::text AS event_id, e.event_type, e.data, e.metadata, e.created`;

export interface EventRow {
  commit: string;
  prepare: string;
  stream_id: string;
  stream_revision: string;
  event_id: string;
  event_type: string;
  data: JsonObject;
  metadata: JsonObject;
  created: Date;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: BigInt(row.stream_revision),
    id: row.event_id,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    position: { commit: BigInt(row.commit), prepare: BigInt(row.prepare) },
    created: row.created,
  };
}

export function positionOf(row: { commit: string; prepare: string }): Position {
  return { commit: BigInt(row.commit), prepare: BigInt(row.prepare) };
}

/** The largest values of `xid8` and `bigint`: a position after every event. */
export const MAX_XID8 = '18446744073709551615';
export const MAX_BIGINT = '9223372036854775807';

export function assertPosition(position: Position): void {
  if (typeof position.commit !== 'bigint' || typeof position.prepare !== 'bigint') {
    throw new TypeError('a position holds two bigints');
  }
  if (position.commit < 0n || position.prepare < 0n || position.commit > BigInt(MAX_XID8)) {
    throw new RangeError('position out of range');
  }
  if (position.prepare > BigInt(MAX_BIGINT)) throw new RangeError('position out of range');
}

export function assertMaxCount(maxCount: number | undefined): void {
  if (maxCount !== undefined && (!Number.isSafeInteger(maxCount) || maxCount < 0)) {
    throw new RangeError('maxCount must be a non-negative integer');
  }
}
