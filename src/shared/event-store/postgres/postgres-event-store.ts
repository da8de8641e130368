import type { Pool } from 'pg';
import { EventStoreUnavailable, StreamNotFound } from '../event-store.errors';
import {
  END,
  START,
  type AppendOptions,
  type AppendResult,
  type EventData,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
} from '../event-store.port';
import { appendToStreamWith } from './postgres-append';
import { unavailable } from './postgres-errors';
import {
  EVENT_COLUMNS,
  MAX_BIGINT,
  MAX_XID8,
  assertMaxCount,
  assertPosition,
  toRecordedEvent,
  type EventRow,
} from './postgres-event-rows';
import { PostgresSubscription, type PollingOptions } from './postgres-subscription';

export interface PostgresEventStoreOptions extends Partial<PollingOptions> {
  /** How long `ping` waits for an answer. Defaults to 5 s. */
  readonly pingTimeoutMs?: number;
}

const DEFAULT_POLLING: PollingOptions = { batchSize: 500, minPollIntervalMs: 10, maxPollIntervalMs: 250 };
const DEFAULT_READ_ALL_MAX_COUNT = 1000;

/**
 * The event store port on PostgreSQL (or PGlite): schema and append function in `create-event-store.migration.ts`.
 * A `$all` position is `{ commit: transaction id, prepare: global position }`.
 *
 * The pool belongs to the caller: `close()` stops this store's subscriptions and refuses further calls, but does not
 * end the pool, which the read models usually share.
 */
export class PostgresEventStore implements EventStore {
  private readonly polling: PollingOptions;
  private readonly pingTimeoutMs: number;
  private readonly subscriptions = new Set<PostgresSubscription>();
  private closed = false;

  constructor(
    private readonly pool: Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    this.polling = {
      batchSize: options.batchSize ?? DEFAULT_POLLING.batchSize,
      minPollIntervalMs: options.minPollIntervalMs ?? DEFAULT_POLLING.minPollIntervalMs,
      maxPollIntervalMs: options.maxPollIntervalMs ?? DEFAULT_POLLING.maxPollIntervalMs,
    };
    if (!Number.isSafeInteger(this.polling.batchSize) || this.polling.batchSize < 1) {
      throw new RangeError('batchSize must be a positive integer');
    }
    this.pingTimeoutMs = options.pingTimeoutMs ?? 5_000;
  }

  async appendToStream(streamId: string, events: readonly EventData[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const result = await appendToStreamWith(this.pool, streamId, events, options);
    // A hint only: this process's subscriptions look at once instead of at their next poll. Correctness never rests
    // on it (appends of other processes are found by polling); it takes the poll interval out of read-your-writes.
    const types = events.map((event) => event.type);
    for (const subscription of this.subscriptions) subscription.nudge(streamId, types, result.position);
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const direction = options.direction ?? 'forwards';
    const forwards = direction === 'forwards';
    const from = options.fromRevision ?? (forwards ? START : END);
    if (typeof from === 'bigint' && from < 0n) throw new RangeError('fromRevision must not be negative');
    assertMaxCount(options.maxCount);
    const fromRevision =
      from === START ? '0' : from === END ? MAX_BIGINT : from > BigInt(MAX_BIGINT) ? MAX_BIGINT : from.toString();
    // One round trip that also tells a missing stream (no row) from an empty range (one row without an event).
    // No transaction horizon here, unlike $all: a stream read shows every committed event (read your own writes).
    const sql = `
      SELECT s.stream_id AS found, e.*
      FROM es_streams s
      LEFT JOIN LATERAL (
        SELECT ${EVENT_COLUMNS} FROM es_events e
        WHERE e.stream_id = s.stream_id AND e.stream_revision ${forwards ? '>=' : '<='} $2::bigint
        ORDER BY e.stream_revision ${forwards ? 'ASC' : 'DESC'}
        LIMIT $3
      ) e ON true
      WHERE s.stream_id = $1`;
    let rows: (Partial<EventRow> & { found: string })[];
    try {
      ({ rows } = await this.pool.query<Partial<EventRow> & { found: string }>(sql, [
        streamId,
        fromRevision,
        options.maxCount ?? null,
      ]));
    } catch (error) {
      throw unavailable(error);
    }
    if (rows.length === 0) throw new StreamNotFound(streamId);
    if (forwards && from === END) return [];
    return rows
      .filter((row) => row.commit !== null && row.commit !== undefined)
      .map((row) => toRecordedEvent(row as EventRow));
  }

  /**
   * `$all` up to the oldest transaction still running, like subscriptions: what readAll shows, a subscription
   * delivers in the same order, and nothing appears later in front of it.
   *
   * As EventStoreDB: forwards from a position includes the event at it; backwards returns the events before it
   * (EventStoreDB reads its log backwards from a record's start).
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const forwards = (options.direction ?? 'forwards') === 'forwards';
    const from = options.fromPosition ?? (forwards ? START : END);
    if (from !== START && from !== END) assertPosition(from);
    assertMaxCount(options.maxCount);
    if ((forwards && from === END) || (!forwards && from === START)) return [];
    const [commit, prepare] =
      from === START
        ? ['0', '0']
        : from === END
          ? [MAX_XID8, MAX_BIGINT]
          : [from.commit.toString(), from.prepare.toString()];
    const sql = `
      SELECT ${EVENT_COLUMNS} FROM es_events e
      WHERE (e.transaction_id, e.global_position) ${forwards ? '>=' : '<'} ($1::xid8, $2::bigint)
        AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY e.transaction_id ${forwards ? 'ASC' : 'DESC'}, e.global_position ${forwards ? 'ASC' : 'DESC'}
      LIMIT $3`;
    try {
      const { rows } = await this.pool.query<EventRow>(sql, [
        commit,
        prepare,
        options.maxCount ?? DEFAULT_READ_ALL_MAX_COUNT,
      ]);
      return rows.map(toRecordedEvent);
    } catch (error) {
      throw unavailable(error);
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new PostgresSubscription(this.pool, options, this.polling, (closed) =>
      this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EventStoreUnavailable('no answer to ping')), this.pingTimeoutMs);
    });
    try {
      await Promise.race([this.pool.query('SELECT 1'), timeout]);
    } catch (error) {
      throw unavailable(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops every subscription of this store (their iterations end normally). Leaves the pool open. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailable('the event store was closed');
  }
}
