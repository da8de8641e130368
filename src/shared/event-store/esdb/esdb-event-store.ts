import {
  BACKWARDS,
  END,
  appendOptions,
  connectEsdb,
  type EsdbClient,
  FORWARDS,
  START,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AppendResult as EsdbAppendResult,
  type Filter,
} from './esdb-client';
import { validateAppend } from '../append-validation';
import { EventStoreUnavailable, InvalidAppend, StreamNotFound, WrongExpectedVersion } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  CurrentRevision,
  EventData,
  EventStore,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  Subscription,
  SubscriptionFilter,
} from '../event-store.port';
import { toEsdbPosition, toPortError, toRecordedEvent } from './esdb-mapping';
import { EsdbSubscription } from './esdb-subscription';

export interface EsdbEventStoreOptions {
  /**
   * Forward the server's filtered-subscription checkpoints to consumers. EventStoreDB before 24.10 could send a
   * checkpoint ahead of the last event after an empty page, so that a consumer resuming from it missed the next
   * event (kurrent-io/KurrentDB issue #4970, fixed by PRs #4975/#4990/#4991). Set false against older servers:
   * consumers then checkpoint on the events they process only. Default true.
   */
  readonly trustServerCheckpoints?: boolean;
  /** Messages queued per subscription before the stream from the server is paused. Default 512. */
  readonly subscriptionBufferSize?: number;
  /** How long the readiness check waits for an answer. Default 2000 ms. */
  readonly pingTimeoutMs?: number;
  /**
   * How long an append may take before it is reported as `EventStoreUnavailable`. The client's BatchAppend path
   * has no deadline of its own: without this an append to a hung server would never settle. Default 15000 ms.
   */
  readonly appendTimeoutMs?: number;
}

/** EventStoreDB's search window (ReadBatchSize): the server checkpoints every multiplier × window events scanned. */
const SEARCH_WINDOW = 32;
const DEFAULT_READ_ALL_COUNT = 1000;

/**
 * The event store port on EventStoreDB through @eventstore/db-client 6.x. Reconnection is the client's: after a
 * connection failure it drops the channel and the next call opens a new one, so the adapter recovers by itself
 * when the server comes back. A dropped subscription is reported to its consumer, which resubscribes from its
 * stored checkpoint (both halves of the position).
 */
export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly settings: Required<EsdbEventStoreOptions>;
  private closed = false;

  constructor(
    private readonly client: EsdbClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.settings = {
      trustServerCheckpoints: options.trustServerCheckpoints ?? true,
      subscriptionBufferSize: options.subscriptionBufferSize ?? 512,
      pingTimeoutMs: options.pingTimeoutMs ?? 2000,
      appendTimeoutMs: options.appendTimeoutMs ?? 15_000,
    };
  }

  /**
   * `esdb://host:2113?tls=false`, `esdb+discover://node1,node2,node3?tlsCAFile=...`, credentials and TLS options
   * as the client documents them. Nothing connects until the first call.
   */
  static fromConnectionString(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    let client: EsdbClient;
    try {
      client = connectEsdb(connectionString);
    } catch (error) {
      throw new Error(`EVENTSTORE_CONNECTION_STRING is not usable: ${describeParseError(error)}`);
    }
    return new EsdbEventStore(client, options);
  }

  async appendToStream(streamId: string, events: readonly EventData[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(streamId, events);
    const expected = options.expectedRevision;
    if (typeof expected === 'bigint' && expected < 0n) {
      throw new InvalidAppend(streamId, 'expected revision must not be negative');
    }
    const proposed = events.map((event) =>
      // EventStoreDB stores ids as Guids and returns them in lower case: send them that way to compare alike.
      jsonEvent({ id: event.id.toLowerCase(), type: event.type, data: event.data, metadata: event.metadata }),
    );
    let result: EsdbAppendResult;
    try {
      result = await withTimeout(
        this.client.appendToStream(streamId, proposed, appendOptions(expected)),
        this.settings.appendTimeoutMs,
        () =>
          new EventStoreUnavailable(`append to ${streamId} got no answer within ${this.settings.appendTimeoutMs} ms`),
      );
    } catch (error) {
      throw toPortError(error, { streamId, expected });
    }
    if (!result.success) {
      // Only with throwOnAppendFailure=false in the connection string; the client's BatchAppend path then reports
      // a wrong current revision, so ask the stream itself.
      throw new WrongExpectedVersion(streamId, expected, await this.currentRevision(streamId));
    }
    if (!result.position) {
      // Older servers answer a retry that wrote nothing without a position: look up the event written then.
      return {
        nextExpectedRevision: result.nextExpectedRevision,
        position: await this.positionOf(streamId, result.nextExpectedRevision),
      };
    }
    // EventStoreDB reports a write as {commit: its last event's log position, prepare: its first event's}
    // (WriteEventsCompleted(…, FirstPrepare, CommitPosition) in the server's WriteEvents request manager), while
    // every event it writes through gRPC is read back at {commit: p, prepare: p}, p its own log position. The
    // port promises the last event's position, so the commit half stands for both.
    const { commit } = result.position;
    return { nextExpectedRevision: result.nextExpectedRevision, position: { commit, prepare: commit } };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const direction = options.direction ?? 'forwards';
    const from = options.fromRevision ?? (direction === 'forwards' ? START : END);
    if (typeof from === 'bigint' && from < 0n) throw new RangeError('fromRevision must not be negative');
    assertMaxCount(options.maxCount);
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromRevision: from === 'start' ? START : from === 'end' ? END : from,
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      });
      for await (const resolved of read) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event, resolved.commitPosition));
      }
    } catch (error) {
      throw toPortError(error, { streamId });
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const direction = options.direction ?? 'forwards';
    const from = options.fromPosition ?? (direction === 'forwards' ? START : END);
    if (typeof from === 'object') assertPosition(from);
    assertMaxCount(options.maxCount);
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readAll({
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromPosition: from === 'start' ? START : from === 'end' ? END : toEsdbPosition(from),
        maxCount: options.maxCount ?? DEFAULT_READ_ALL_COUNT,
      });
      for await (const resolved of read) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event, resolved.commitPosition));
      }
    } catch (error) {
      throw toPortError(error);
    }
    return events;
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    this.assertOpen();
    const from = options.fromPosition ?? START;
    if (typeof from === 'object') assertPosition(from);
    const checkpoints = checkpointSettings(options.checkpointInterval ?? SEARCH_WINDOW);
    const subscription = new EsdbSubscription(
      (checkpointReached) =>
        this.client.subscribeToAll({
          fromPosition: from === 'start' ? START : from === 'end' ? END : toEsdbPosition(from),
          filter: clientFilter(options.filter, {
            ...checkpoints,
            ...(this.settings.trustServerCheckpoints ? { checkpointReached } : {}),
          }),
        }),
      { bufferSize: this.settings.subscriptionBufferSize },
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Reads the last event of `$all`: cheap, and it needs a connection, a working server and the read rights that
   * `$all` subscriptions need too. Rejects with `EventStoreUnavailable` saying why.
   */
  async ping(): Promise<void> {
    this.assertOpen();
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    try {
      await withTimeout(
        (async () => {
          for await (const _ of read) {
            // The answer itself does not matter.
          }
        })(),
        this.settings.pingTimeoutMs,
        () => new EventStoreUnavailable(`EventStoreDB gave no answer within ${this.settings.pingTimeoutMs} ms`),
      );
    } catch (error) {
      void read.cancel().catch(() => undefined);
      const mapped = toPortError(error);
      throw mapped instanceof EventStoreUnavailable
        ? mapped
        : new EventStoreUnavailable(error instanceof Error ? error.message : String(error), { cause: error });
    }
  }

  /** Ends every subscription (their iterations end normally) and releases the client's calls. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailable('the event store was closed');
  }

  private async currentRevision(streamId: string): Promise<CurrentRevision> {
    try {
      const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      return last ? last.revision : 'no_stream';
    } catch (error) {
      if (error instanceof StreamNotFound) return 'no_stream';
      throw error;
    }
  }

  private async positionOf(streamId: string, revision: bigint): Promise<Position> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event) throw new EventStoreUnavailable(`${streamId}@${revision} was reported written but cannot be read`);
    return event.position;
  }
}

function assertMaxCount(maxCount: number | undefined): void {
  if (maxCount !== undefined && (!Number.isSafeInteger(maxCount) || maxCount < 0)) {
    throw new RangeError('maxCount must be a non-negative integer');
  }
}

function assertPosition(position: Position): void {
  if (
    typeof position.commit !== 'bigint' ||
    typeof position.prepare !== 'bigint' ||
    position.commit < 0n ||
    position.prepare < 0n
  ) {
    throw new RangeError('a position has two non-negative bigint halves');
  }
}

/**
 * The port's "checkpoint at least every N events scanned" in the server's terms (checkpoint every
 * multiplier × window): below one window, a smaller window; above, whole windows, rounding down.
 */
function checkpointSettings(interval: number): { checkpointInterval: number; maxSearchWindow?: number } {
  if (!Number.isInteger(interval) || interval < 1) {
    throw new RangeError(`checkpointInterval must be a positive integer, got ${interval}`);
  }
  if (interval < SEARCH_WINDOW) return { checkpointInterval: 1, maxSearchWindow: interval };
  return { checkpointInterval: Math.floor(interval / SEARCH_WINDOW) };
}

type FilterOptions = Pick<Filter, 'checkpointInterval' | 'checkpointReached' | 'maxSearchWindow'>;

/**
 * The port's filter as a server-side filter that never lets system events through where the server can express
 * it: no filter is `excludeSystemEvents()`, an event-type regex gets a `$` exclusion in front. A stream-name
 * filter cannot exclude them, so the subscription drops `$` types itself (as it does for every filter).
 */
function clientFilter(filter: SubscriptionFilter | undefined, options: FilterOptions): Filter {
  if (!filter) return excludeSystemEvents(options);
  const create = filter.on === 'eventType' ? eventTypeFilter : streamNameFilter;
  if ('prefixes' in filter) return create({ ...options, prefixes: [...filter.prefixes] });
  // The server matches regexes anywhere in the string (.NET Regex.IsMatch); the lazy prefix keeps that.
  const regex = filter.on === 'eventType' ? `^(?!\\$)[\\s\\S]*?(?:${filter.regex})` : filter.regex;
  return create({ ...options, regex });
}

async function withTimeout<T>(work: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  // The abandoned operation may still fail later; that outcome has already been reported as a timeout.
  work.catch(() => undefined);
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timeoutError()), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The client's parse errors quote the whole connection string, password included: keep only what is wrong. */
function describeParseError(error: unknown): string {
  const parse = error as { expected?: unknown; location?: unknown };
  if (typeof parse.expected === 'string' && Array.isArray(parse.location)) {
    return `expected ${parse.expected} at character ${String(parse.location[0])}`;
  }
  return error instanceof Error ? error.message : String(error);
}
