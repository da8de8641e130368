import type { Pool } from 'pg';
import { DatabaseError } from 'pg';
import {
  END,
  START,
  type Position,
  type SubscribeToAllOptions,
  type Subscription,
  type SubscriptionFilter,
  type SubscriptionMessage,
} from '../event-store.port';
import { assertPosition, toRecordedEvent, type EventRow } from './postgres-event-rows';
import { unavailable } from './postgres-errors';

export interface PollingOptions {
  /** Rows scanned per query. A full page means "behind": the next query follows at once. */
  readonly batchSize: number;
  /** Delay after a page that brought events; doubled after each empty poll up to `maxPollIntervalMs`. */
  readonly minPollIntervalMs: number;
  readonly maxPollIntervalMs: number;
}

interface StartingPoint {
  readonly cursor: Position;
  /** The snapshot taken when subscribing from END, or null. */
  readonly snapshot: string | null;
  /**
   * The last event committed when subscribing: `caughtUp` waits until the cursor has passed it. A short page alone
   * does not mean caught up: events committed above the xmin horizon (a transaction still open anywhere on the
   * server) are withheld until it moves.
   */
  readonly head: Position | null;
}

interface ScanRow extends Omit<EventRow, 'stream_id' | 'event_id' | 'event_type' | 'data' | 'metadata' | 'created'> {
  matched: boolean;
  rn: number;
  scanned: number;
  stream_id: string | null;
  event_id: string | null;
  event_type: string | null;
  data: EventRow['data'] | null;
  metadata: EventRow['metadata'] | null;
  created: Date | null;
}

/** How soon a subscription looks again for an append of this process that the xmin horizon still holds back. */
const HELD_BACK_FIRST_POLL_MS = 5;

/**
 * A catch-up subscription to `$all` by polling.
 *
 * Each query scans the next page of `$all` after the cursor, in `(transaction_id, global_position)` order, and only
 * events of transactions older than the oldest one still running: those are all finished, and every transaction
 * that commits later has a higher id, so nothing can appear behind the cursor. (Ordering by `global_position`
 * alone would skip an event whose transaction took a lower value but committed later.)
 *
 * The page is scanned unfiltered: every scanned row counts towards checkpoints, so a filtered subscription moves its
 * checkpoint through regions with no match. The filter is evaluated in SQL, and only matching rows, checkpoint rows
 * and the page's last row come back (payloads for matching rows only).
 *
 * EXPLAIN (PostgreSQL 15 and PGlite 18): an Index Scan on `es_events_all_order` with Index Cond
 * `ROW(transaction_id, global_position) > ROW($1, $2)` and `transaction_id < pg_snapshot_xmin(...)`, no Sort: the
 * numeric xid8 order of the index, never its text form.
 */
export class PostgresSubscription implements Subscription {
  private closed = false;
  private iterated = false;
  private wake: (() => void) | undefined;
  /** Set by `nudge()` while a query runs: that query may have missed the new events, so poll again at once. */
  private nudged = false;
  /**
   * The position of the newest nudging append, until the cursor passes it. A transaction open anywhere on the server
   * can hold that append above the xmin horizon for a while: meanwhile the subscription looks again after a few
   * milliseconds, backing off from there, instead of leaving a committed append to its polling interval.
   */
  private awaited: Position | undefined;
  private pending: Promise<unknown> | undefined;
  private readonly sql: string;
  private readonly filterValues: unknown[];
  private readonly checkpointInterval: number;
  private readonly mayWant: (streamId: string, eventTypes: readonly string[]) => boolean;
  /** Resolved when subscribing, not when iteration starts: "from END" means from the moment of `subscribeToAll`. */
  private readonly start: Promise<StartingPoint | undefined>;

  constructor(
    private readonly pool: Pool,
    private readonly options: SubscribeToAllOptions,
    private readonly polling: PollingOptions,
    private readonly onClosed: (subscription: PostgresSubscription) => void,
  ) {
    const from = options.fromPosition ?? START;
    if (from !== START && from !== END) assertPosition(from);
    this.checkpointInterval = options.checkpointInterval ?? 32;
    if (!Number.isSafeInteger(this.checkpointInterval) || this.checkpointInterval < 1) {
      throw new RangeError('checkpointInterval must be a positive integer');
    }
    const filter = filterSql(options.filter, 7);
    this.filterValues = filter.values;
    this.sql = scanSql(filter.sql);
    this.mayWant = nudgeMatcher(options.filter);
    this.start = this.startingPoint();
    // A failure surfaces when iterating; a subscription closed unread must not leave an unhandled rejection.
    this.start.catch(() => undefined);
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    if (this.iterated) throw new Error('a subscription can be iterated once');
    this.iterated = true;
    return this.run();
  }

  /**
   * Something was appended in this process: poll now rather than after the current interval, if the filter may
   * want it. (A hint only: a regex is tried with JavaScript's engine, and when in doubt the subscription polls.)
   */
  nudge(streamId: string, eventTypes: readonly string[], position: Position): void {
    if (!this.mayWant(streamId, eventTypes)) return;
    if (this.awaited === undefined || before(this.awaited, position)) this.awaited = position;
    this.nudged = true;
    this.wake?.();
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.wake?.();
      this.onClosed(this);
    }
    // Let a query in flight finish, so that whoever ends the pool next does not cut it off.
    return Promise.resolve(this.pending).then(
      () => undefined,
      () => undefined,
    );
  }

  private async *run(): AsyncGenerator<SubscriptionMessage, void, undefined> {
    try {
      const start = await this.start;
      if (start === undefined) return;
      let { cursor } = start;
      // From END: events already committed when we subscribed are not "after" it, even those whose transaction
      // is still above the xmin horizon; they are excluded by this snapshot.
      const startSnapshot = start.snapshot;
      let sinceCheckpoint = 0;
      let live = false;
      let delay = this.polling.minPollIntervalMs;
      let heldBackDelay = HELD_BACK_FIRST_POLL_MS;

      const page = (after: Position, since: number): Promise<ScanRow[] | undefined> => {
        const rows = this.query<ScanRow>(this.sql, [
          after.commit.toString(),
          after.prepare.toString(),
          this.polling.batchSize,
          since,
          this.checkpointInterval,
          startSnapshot,
          ...this.filterValues,
        ]);
        // Awaited later, maybe never (the reader stops first): its failure must not go unhandled meanwhile.
        rows.catch(() => undefined);
        return rows;
      };
      let next = page(cursor, sinceCheckpoint);

      while (!this.closed) {
        const rows = await next;
        if (rows === undefined) return;
        const scanned = rows[0]?.scanned ?? 0;
        const since = sinceCheckpoint;
        const last = rows[rows.length - 1];
        if (last !== undefined) cursor = { commit: BigInt(last.commit), prepare: BigInt(last.prepare) };
        sinceCheckpoint = (sinceCheckpoint + scanned) % this.checkpointInterval;
        // Behind: the next page is read while this one is consumed, so the database and the reader work at once.
        if (scanned >= this.polling.batchSize) next = page(cursor, sinceCheckpoint);

        let matched = 0;
        for (const row of rows) {
          if (row.matched) {
            matched++;
            yield { kind: 'event', event: toRecordedEvent(row as EventRow) };
            if (this.closed) return;
          }
          if ((row.rn + since) % this.checkpointInterval === 0) {
            yield { kind: 'checkpoint', position: { commit: BigInt(row.commit), prepare: BigInt(row.prepare) } };
            if (this.closed) return;
          }
        }

        if (scanned >= this.polling.batchSize) {
          if (live) {
            live = false;
            yield { kind: 'fellBehind' };
          }
          delay = this.polling.minPollIntervalMs;
          continue;
        }
        if (!live && (start.head === null || !before(cursor, start.head))) {
          live = true;
          yield { kind: 'caughtUp' };
        }
        // Back off while nothing this subscription wants arrives, even if other events do: a filtered subscription
        // in a busy store would otherwise poll at the shortest interval for nothing. Appends of this process nudge
        // it awake; those of other processes wait at most the longest interval.
        if (this.awaited !== undefined && !before(cursor, this.awaited)) this.awaited = undefined;
        if (this.awaited === undefined) {
          heldBackDelay = HELD_BACK_FIRST_POLL_MS;
          delay = matched > 0 ? this.polling.minPollIntervalMs : Math.min(delay * 2, this.polling.maxPollIntervalMs);
        } else {
          delay = heldBackDelay;
          heldBackDelay = Math.min(heldBackDelay * 2, this.polling.maxPollIntervalMs);
        }
        if (this.nudged) {
          this.nudged = false;
          delay = this.polling.minPollIntervalMs;
        } else {
          await this.sleep(delay);
        }
        next = page(cursor, sinceCheckpoint);
      }
    } finally {
      this.closed = true;
      this.wake?.();
      this.onClosed(this);
    }
  }

  private async startingPoint(): Promise<StartingPoint | undefined> {
    const from = this.options.fromPosition ?? START;
    if (from === END) {
      const rows = await this.query<{ snapshot: string; commit: string | null; prepare: string | null }>(
        `SELECT s.snapshot::text AS snapshot, h.commit, h.prepare
         FROM (SELECT pg_current_snapshot() AS snapshot) s
         LEFT JOIN LATERAL (
           SELECT e.transaction_id::text AS commit, e.global_position::text AS prepare FROM es_events e
           WHERE e.transaction_id < pg_snapshot_xmin(s.snapshot)
           ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1
         ) h ON true`,
        [],
      );
      const row = rows?.[0];
      if (row === undefined) return undefined;
      return { cursor: toPosition(row) ?? { commit: 0n, prepare: 0n }, snapshot: row.snapshot, head: null };
    }
    // Every row this statement sees is committed; the newest of them is the end of the catch-up.
    const rows = await this.query<{ commit: string; prepare: string }>(
      `SELECT e.transaction_id::text AS commit, e.global_position::text AS prepare FROM es_events e
       ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1`,
      [],
    );
    if (rows === undefined) return undefined;
    const head = rows[0] === undefined ? null : toPosition(rows[0]);
    return { cursor: from === START ? { commit: 0n, prepare: 0n } : from, snapshot: null, head };
  }

  /** Runs a query; `undefined` when the subscription was closed meanwhile. Failures end the subscription. */
  private async query<R>(text: string, values: unknown[]): Promise<R[] | undefined> {
    if (this.closed) return undefined;
    const pending = this.pool.query(text, values);
    this.pending = pending;
    try {
      const result = await pending;
      return this.closed ? undefined : (result.rows as R[]);
    } catch (error) {
      if (this.closed) return undefined;
      if (error instanceof DatabaseError && error.code === '2201B') {
        throw new RangeError('the subscription filter is not a valid regular expression', { cause: error });
      }
      throw unavailable(error);
    } finally {
      if (this.pending === pending) this.pending = undefined;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.nudged = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

function toPosition(row: { commit: string | null; prepare: string | null }): Position | null {
  return row.commit === null || row.prepare === null
    ? null
    : { commit: BigInt(row.commit), prepare: BigInt(row.prepare) };
}

function before(a: Position, b: Position): boolean {
  return a.commit < b.commit || (a.commit === b.commit && a.prepare < b.prepare);
}

/**
 * One page of `$all` after the cursor ($1, $2), at most $3 rows. Returns the matching rows with their payload, the
 * rows where a checkpoint falls due ($4 rows were scanned since the last one, one is due every $5), and the last row
 * (the next cursor). $6 is the snapshot taken when subscribing from END, or NULL.
 */
function scanSql(filter: string): string {
  return `
    SELECT s.commit, s.prepare, s.matched, s.rn::int AS rn, s.scanned::int AS scanned,
      CASE WHEN s.matched THEN s.stream_id END AS stream_id,
      CASE WHEN s.matched THEN s.stream_revision END AS stream_revision,
      CASE WHEN s.matched THEN s.event_id END AS event_id,
      CASE WHEN s.matched THEN s.event_type END AS event_type,
      CASE WHEN s.matched THEN s.data END AS data,
      CASE WHEN s.matched THEN s.metadata END AS metadata,
      CASE WHEN s.matched THEN s.created END AS created
    FROM (
      SELECT p.*, row_number() OVER (ORDER BY p.transaction_id, p.global_position) AS rn, count(*) OVER () AS scanned
      FROM (
        SELECT e.transaction_id, e.global_position,
          e.transaction_id::text AS commit, e.global_position::text AS prepare, e.stream_id,
          e.stream_revision::text AS stream_revision, e.event_id::text AS event_id, e.event_type,
          e.data, e.metadata, e.created,
          (e.event_type NOT LIKE '$%'
            AND ($6::pg_snapshot IS NULL OR NOT pg_visible_in_snapshot(e.transaction_id, $6::pg_snapshot))
            AND ${filter}) AS matched
        FROM es_events e
        WHERE (e.transaction_id, e.global_position) > ($1::xid8, $2::bigint)
          AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY e.transaction_id, e.global_position
        LIMIT $3
      ) p
    ) s
    WHERE s.matched OR (s.rn + $4::int) % $5::int = 0 OR s.rn = s.scanned
    ORDER BY s.rn`;
}

/** The subscription's server-side filter as a SQL condition on `e`, with its parameters numbered from `first`. */
function filterSql(filter: SubscriptionFilter | undefined, first: number): { sql: string; values: unknown[] } {
  if (filter === undefined) return { sql: 'true', values: [] };
  const column = filter.on === 'eventType' ? 'e.event_type' : filter.on === 'streamName' ? 'e.stream_id' : undefined;
  if (column === undefined) throw new RangeError('a filter is on eventType or streamName');
  if ('prefixes' in filter) {
    if (filter.prefixes.length === 0 || filter.prefixes.some((prefix) => typeof prefix !== 'string')) {
      throw new RangeError('a prefix filter needs at least one prefix');
    }
    return {
      sql: `EXISTS (SELECT 1 FROM unnest($${first}::text[]) AS f(prefix) WHERE starts_with(${column}, f.prefix))`,
      values: [[...filter.prefixes]],
    };
  }
  if (typeof filter.regex !== 'string') throw new RangeError('a regex filter needs a regular expression');
  return { sql: `${column} ~ $${first}`, values: [filter.regex] };
}

/** Whether an append may pass the filter, for nudges: true when unsure (a regex JavaScript cannot read). */
function nudgeMatcher(
  filter: SubscriptionFilter | undefined,
): (streamId: string, eventTypes: readonly string[]) => boolean {
  if (filter === undefined) return () => true;
  let test: (value: string) => boolean;
  if ('prefixes' in filter) {
    const prefixes = [...filter.prefixes];
    test = (value) => prefixes.some((prefix) => value.startsWith(prefix));
  } else {
    try {
      const pattern = new RegExp(filter.regex);
      test = (value) => pattern.test(value);
    } catch {
      return () => true;
    }
  }
  return filter.on === 'eventType' ? (_stream, types) => types.some(test) : (streamId) => test(streamId);
}
