/**
 * The event store port. Its contract is EventStoreDB's (gRPC client 6.x) so that the PostgreSQL adapter and the
 * EventStoreDB adapter are interchangeable; one conformance suite (test/integration/event-store) pins it down.
 * See docs/adr/0001-event-store-port.md.
 */

/** Revision of a stream's last event: 0-based, as in EventStoreDB. */
export type StreamRevision = bigint;

/**
 * What the caller believes about the stream before appending.
 * - `any`: no check.
 * - `no_stream`: the stream must not exist.
 * - `stream_exists`: the stream must exist.
 * - a bigint: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | StreamRevision;

/** The current revision of a stream as reported by a conflict: `no_stream` when it does not exist. */
export type CurrentRevision = 'no_stream' | StreamRevision;

/**
 * A position in the global (`$all`) order. Two halves, compared lexicographically, as in EventStoreDB;
 * both are stored by every checkpoint. In the PostgreSQL adapter `commit` is the writing transaction id and
 * `prepare` the global sequence number.
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export const START = 'start' as const;
export const END = 'end' as const;
export type Direction = 'forwards' | 'backwards';

/** JSON-serialisable values: what event data and metadata may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An event to append. `id` is a UUID chosen by the writer: retrying with the same ids is idempotent. */
export interface EventData<TType extends string = string, TData extends JsonObject = JsonObject> {
  readonly id: string;
  readonly type: TType;
  readonly data: TData;
  readonly metadata?: JsonObject;
}

/** An event as stored. `created` is when the store recorded it (not when the fact happened). */
export interface RecordedEvent<TType extends string = string, TData extends JsonObject = JsonObject> {
  readonly streamId: string;
  readonly revision: StreamRevision;
  readonly id: string;
  readonly type: TType;
  readonly data: TData;
  readonly metadata: JsonObject;
  readonly position: Position;
  readonly created: Date;
}

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the stream's last event after the append: pass it as `expectedRevision` next time. */
  readonly nextExpectedRevision: StreamRevision;
  /** The `$all` position of the last event written (or found, on an idempotent retry). */
  readonly position: Position;
}

export interface ReadStreamOptions {
  readonly direction?: Direction;
  /** Inclusive. Defaults to `start` forwards and `end` backwards. */
  readonly fromRevision?: typeof START | typeof END | StreamRevision;
  /** Defaults to no limit. */
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  readonly direction?: Direction;
  /**
   * As EventStoreDB's readAll: inclusive forwards, exclusive backwards (a backwards read from an event's position
   * starts with the event before it). Defaults to `start` forwards and `end` backwards.
   */
  readonly fromPosition?: typeof START | typeof END | Position;
  /** Defaults to 1000: `$all` is unbounded. */
  readonly maxCount?: number;
}

/**
 * A server-side filter. EventStoreDB accepts one kind at a time: either event types or stream names, each by
 * prefixes or by one regular expression. System events (types starting with `$`) are always excluded.
 */
export type SubscriptionFilter =
  | { readonly on: 'eventType' | 'streamName'; readonly prefixes: readonly string[] }
  | { readonly on: 'eventType' | 'streamName'; readonly regex: string };

export interface SubscribeToAllOptions {
  /** Exclusive: the first event delivered is the one after this position. Defaults to `start`. */
  readonly fromPosition?: typeof START | typeof END | Position;
  readonly filter?: SubscriptionFilter;
  /**
   * Emit a checkpoint at least every this many scanned events, matching or not, so that a consumer can move its
   * checkpoint through regions the filter rejects. Defaults to 32 (EventStoreDB: checkpointInterval 1 × 32).
   */
  readonly checkpointInterval?: number;
}

/** What a subscription yields, in order. */
export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  /** Every event up to and including `position` has been scanned; safe to checkpoint here. */
  | { readonly kind: 'checkpoint'; readonly position: Position }
  /** Catch-up reached the head; what follows is live. Sent once per transition. */
  | { readonly kind: 'caughtUp' }
  /** Was live, now reading history again (a consumer too slow or a burst of writes). */
  | { readonly kind: 'fellBehind' };

/**
 * A catch-up subscription to `$all`: catch-up then live, with no seam. Iterate it with `for await`; iteration
 * applies back-pressure. A dropped subscription ends the iteration by throwing; resubscribe from the checkpoint.
 */
export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  /** Stops the subscription; a pending iteration ends normally. Idempotent. */
  close(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends events atomically to one stream. Throws `WrongExpectedVersion` on a revision mismatch,
   * `InvalidAppend` on a malformed batch (nothing is written). Retrying the same event ids with the same
   * expected revision succeeds without writing them twice.
   */
  appendToStream(streamId: string, events: readonly EventData[], options: AppendOptions): Promise<AppendResult>;
  /** Throws `StreamNotFound` when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events in global order, system events included (as EventStoreDB). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;
  /** Resolves when the store answers; rejects with `EventStoreUnavailable` otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Dependency-injection token for the configured `EventStore`. */
export const EVENT_STORE = Symbol('EventStore');

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
