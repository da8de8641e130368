/**
 * The `event_store.client.streams.Streams` methods that @eventstore/db-client 6.x calls: Append, BatchAppend and
 * Read (a stream, `$all`, and subscriptions to either), with EventStoreDB's semantics. Delete and Tombstone are
 * not served (UNIMPLEMENTED): the port has no use for them.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type {
  ServerDuplexStream,
  ServerReadableStream,
  ServerWritableStream,
  UntypedServiceImplementation,
  sendUnaryData,
} from '@grpc/grpc-js';
import { Empty as ProtoEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import * as shared from '@eventstore/db-client/generated/shared_pb';
import * as streams from '@eventstore/db-client/generated/streams_pb';
import type { AppendOutcome, EsdbLog, ExpectedState, LogRecord, ProposedEvent } from './esdb-log';
import {
  badRequestStatus,
  expectedStateOfAppend,
  expectedStateOfBatch,
  invalidArgument,
  isServiceError,
  maxAppendSizeExceeded,
  maxAppendSizeStatus,
  packedStatus,
  parseUuid,
  streamIdentifier,
  streamName,
  timeoutStatus,
  toProposedEvent,
  toReadEvent,
  wrongExpectedVersionDetails,
} from './wire';

const ReadOptions = streams.ReadReq.Options;

export interface StreamsServiceOptions {
  readonly log: EsdbLog;
  /** Aborted when the server stops: subscriptions end as the connection drops. */
  readonly stopped: AbortSignal;
  /**
   * How far a live subscriber may lag behind the head before it is switched back to catch-up with `fell_behind`
   * (EventStoreDB ≥ 24.2 does this instead of dropping a slow live subscriber).
   */
  readonly liveBufferSize: number;
  readonly stats: EsdbTestServerStats;
  /**
   * Older servers answer a retry that wrote nothing without a position (`no_position`; "TODO ... GET THE LOG
   * POSITION HERE WHEN ITS AN IDEMPOTENT WRITE" in their request manager). Newer ones return it.
   */
  readonly positionOnIdempotentWrite: boolean;
}

/** What the server did, for tests that must prove which path the client took. */
export interface EsdbTestServerStats {
  /** Appends received through `Streams/Append`. */
  appends: number;
  /** Batches received through `Streams/BatchAppend`. */
  batchAppends: number;
  /** Events written to Read calls (reads and subscriptions). */
  eventsSent: number;
}

/** EventStoreDB's ReadBatchSize: the search window of a filter when the client sends none. */
const DEFAULT_SEARCH_WINDOW = 32;

export function streamsService(options: StreamsServiceOptions, batchAppend: boolean): UntypedServiceImplementation {
  const service: UntypedServiceImplementation = {
    append: (
      call: ServerReadableStream<streams.AppendReq, streams.AppendResp>,
      reply: sendUnaryData<streams.AppendResp>,
    ) => {
      options.stats.appends += 1;
      append(options, call, reply);
    },
    read: (call: ServerWritableStream<streams.ReadReq, streams.ReadResp>) => {
      read(options, call).catch((error: unknown) => fail(call, error));
    },
  };
  // A server that does not advertise BatchAppend predates it (< 21.10): it does not serve it either.
  if (batchAppend) {
    service.batchAppend = (call: ServerDuplexStream<streams.BatchAppendReq, streams.BatchAppendResp>) =>
      batchAppendCall(options, call);
  }
  return service;
}

// ---------------------------------------------------------------------------------------------------- Append

function append(
  { log, positionOnIdempotentWrite }: StreamsServiceOptions,
  call: ServerReadableStream<streams.AppendReq, streams.AppendResp>,
  reply: sendUnaryData<streams.AppendResp>,
): void {
  let header: streams.AppendReq.Options | undefined;
  const events: ProposedEvent[] = [];
  let refused = false;
  call.on('data', (request: streams.AppendReq) => {
    if (refused) return;
    if (request.hasOptions()) {
      header = request.getOptions();
      return;
    }
    const event = toProposedEvent(request.getProposedMessage()!);
    if (isServiceError(event)) {
      refused = true;
      reply(event);
      return;
    }
    events.push(event);
  });
  // The write happens only once the whole request has arrived: a call cut short writes nothing.
  call.on('end', () => {
    if (refused) return;
    if (!header) return reply(invalidArgument('the first message of Append must carry its options'));
    const expected = expectedStateOfAppend(header);
    const outcome = log.append(streamName(header.getStreamIdentifier()), expected, events);
    if (outcome.kind === 'maxAppendSizeExceeded') return reply(maxAppendSizeExceeded(outcome.maxAppendSize));
    reply(null, appendResponse(outcome, expected, positionOnIdempotentWrite));
  });
}

function appendResponse(
  outcome: Exclude<AppendOutcome, { kind: 'maxAppendSizeExceeded' }>,
  expected: ExpectedState,
  positionOnIdempotentWrite: boolean,
) {
  const response = new streams.AppendResp();
  if (outcome.kind === 'success') {
    const success = new streams.AppendResp.Success().setCurrentRevision(outcome.currentRevision.toString());
    if (!outcome.written && !positionOnIdempotentWrite)
      return response.setSuccess(success.setNoPosition(new shared.Empty()));
    const position = new streams.AppendResp.Position()
      .setCommitPosition(outcome.commitPosition.toString())
      .setPreparePosition(outcome.preparePosition.toString());
    return response.setSuccess(success.setPosition(position));
  }
  const wrong = new streams.AppendResp.WrongExpectedVersion();
  if (outcome.currentRevision === undefined) wrong.setCurrentNoStream(new shared.Empty());
  else wrong.setCurrentRevision(outcome.currentRevision.toString());
  if (expected.kind === 'any') wrong.setExpectedAny(new shared.Empty());
  if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new shared.Empty());
  if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new shared.Empty());
  if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
  return response.setWrongExpectedVersion(wrong);
}

// ----------------------------------------------------------------------------------------------- BatchAppend

interface PendingBatch {
  readonly streamId: string;
  readonly expected: ExpectedState;
  readonly events: ProposedEvent[];
}

/**
 * One long-lived bidirectional call per client. Requests are correlated by id; a batch may span several requests
 * (the first carries the options, the last `is_final`), and exactly one response answers each correlation id.
 */
function batchAppendCall(
  { log, stats, positionOnIdempotentWrite }: StreamsServiceOptions,
  call: ServerDuplexStream<streams.BatchAppendReq, streams.BatchAppendResp>,
): void {
  const pending = new Map<string, PendingBatch>();
  const respond = (correlationId: shared.UUID, streamId: string, outcome: BatchResult) => {
    const response = new streams.BatchAppendResp()
      .setCorrelationId(correlationId)
      .setStreamIdentifier(streamIdentifier(streamId));
    if ('status' in outcome) response.setError(outcome.status);
    else response.setSuccess(outcome.success);
    call.write(response);
  };

  call.on('data', (request: streams.BatchAppendReq) => {
    const correlationUuid = request.getCorrelationId();
    const correlationId = parseUuid(correlationUuid);
    if (!correlationUuid || correlationId === undefined) return;
    const options = request.getOptions();
    if (options) {
      const streamId = streamName(options.getStreamIdentifier());
      const deadline = options.getDeadline()?.toDate();
      if (deadline && deadline.getTime() <= Date.now()) {
        respond(correlationUuid, streamId, { status: timeoutStatus() });
        return;
      }
      pending.set(correlationId, { streamId, expected: expectedStateOfBatch(options), events: [] });
    }
    const batch = pending.get(correlationId);
    if (!batch) return;
    for (const message of request.getProposedMessagesList()) {
      const event = toProposedEvent(message);
      if (isServiceError(event)) {
        pending.delete(correlationId);
        respond(correlationUuid, batch.streamId, { status: badRequestStatus(event.details) });
        return;
      }
      batch.events.push(event);
    }
    if (!request.getIsFinal()) return;
    pending.delete(correlationId);
    stats.batchAppends += 1;
    const outcome = log.append(batch.streamId, batch.expected, batch.events);
    respond(correlationUuid, batch.streamId, batchResult(outcome, batch.expected, positionOnIdempotentWrite));
  });
  call.on('end', () => call.end());
  call.on('error', () => pending.clear());
}

type BatchResult =
  { readonly status: ReturnType<typeof timeoutStatus> } | { readonly success: streams.BatchAppendResp.Success };

function batchResult(outcome: AppendOutcome, expected: ExpectedState, positionOnIdempotentWrite: boolean): BatchResult {
  switch (outcome.kind) {
    case 'success': {
      const success = new streams.BatchAppendResp.Success().setCurrentRevision(outcome.currentRevision.toString());
      if (!outcome.written && !positionOnIdempotentWrite) return { success: success.setNoPosition(new ProtoEmpty()) };
      const position = new shared.AllStreamPosition()
        .setCommitPosition(outcome.commitPosition.toString())
        .setPreparePosition(outcome.preparePosition.toString());
      return { success: success.setPosition(position) };
    }
    case 'wrongExpectedVersion':
      return {
        status: packedStatus(
          Code.ALREADY_EXISTS,
          'WrongExpectedVersion',
          wrongExpectedVersionDetails(outcome.currentRevision, expected),
          'event_store.client.WrongExpectedVersion',
        ),
      };
    case 'maxAppendSizeExceeded':
      return { status: maxAppendSizeStatus(outcome.maxAppendSize) };
  }
}

// ------------------------------------------------------------------------------------------------------ Read

type ReadCall = ServerWritableStream<streams.ReadReq, streams.ReadResp>;

interface Cursor {
  /** Whether a record passes the filter (system events included unless the filter says otherwise). */
  readonly matches: (record: LogRecord) => boolean;
  readonly structuredIds: boolean;
}

async function read(service: StreamsServiceOptions, call: ReadCall): Promise<void> {
  const options = call.request.getOptions();
  if (!options) throw invalidArgument('ReadReq without options');
  const structuredIds = options.getUuidOption()?.getContentCase() === ReadOptions.UUIDOption.ContentCase.STRUCTURED;
  const filter =
    options.getFilterOptionCase() === ReadOptions.FilterOptionCase.FILTER ? options.getFilter() : undefined;
  if (filter && options.getStreamOptionCase() !== ReadOptions.StreamOptionCase.ALL) {
    throw invalidArgument('filters apply to $all only');
  }
  const cursor: Cursor = { matches: filter ? compileFilter(filter) : () => true, structuredIds };
  const backwards = options.getReadDirection() === ReadOptions.ReadDirection.BACKWARDS;

  if (options.getCountOptionCase() === ReadOptions.CountOptionCase.SUBSCRIPTION) {
    if (backwards) throw invalidArgument('subscriptions read forwards');
    await subscribe(service, call, options, cursor, filter);
  } else {
    const count = clampToNumber(BigInt(options.getCount() || '0'));
    const records = options.hasStream()
      ? readStream(service.log, options.getStream()!, backwards, count)
      : readAll(service.log, options.getAll()!, backwards, count, cursor.matches);
    if (records === undefined) {
      const notFound = new streams.ReadResp.StreamNotFound().setStreamIdentifier(
        options.getStream()!.getStreamIdentifier(),
      );
      await send(call, new streams.ReadResp().setStreamNotFound(notFound), service.stopped);
    } else {
      for (const record of records) {
        if (!(await send(call, eventResponse(record, cursor), service.stopped))) return;
        service.stats.eventsSent += 1;
      }
    }
  }
  if (!call.cancelled && !service.stopped.aborted) call.end();
}

/** Undefined when the stream does not exist. */
function readStream(
  log: EsdbLog,
  options: streams.ReadReq.Options.StreamOptions,
  backwards: boolean,
  count: number,
): readonly LogRecord[] | undefined {
  const records = log.stream(streamName(options.getStreamIdentifier()));
  if (!records) return undefined;
  const last = records.length - 1;
  const Case = ReadOptions.StreamOptions.RevisionOptionCase;
  const from = (() => {
    switch (options.getRevisionOptionCase()) {
      case Case.START:
        return 0;
      case Case.END:
        return backwards ? last : records.length;
      default:
        return Math.min(clampToNumber(BigInt(options.getRevision())), records.length);
    }
  })();
  if (!backwards) return records.slice(from, from + count);
  const top = Math.min(from, last);
  return records.slice(Math.max(0, top - count + 1), top + 1).reverse();
}

/**
 * Forwards from a position includes the event at that position; backwards returns the events before it (the
 * log is read backwards from a record's pre-position: AllReader.ReadAllEventsBackwardInternal).
 */
function readAll(
  log: EsdbLog,
  options: streams.ReadReq.Options.AllOptions,
  backwards: boolean,
  count: number,
  matches: (record: LogRecord) => boolean,
): LogRecord[] {
  const Case = ReadOptions.AllOptions.AllOptionCase;
  const result: LogRecord[] = [];
  let index: number;
  switch (options.getAllOptionCase()) {
    case Case.START:
      index = backwards ? -1 : 0;
      break;
    case Case.END:
      index = backwards ? log.length - 1 : log.length;
      break;
    default: {
      const start = log.indexAtOrAfter(requestedPosition(options.getPosition()!));
      index = backwards ? start - 1 : start;
    }
  }
  for (; result.length < count && index >= 0 && index < log.length; index += backwards ? -1 : 1) {
    const record = log.recordAt(index)!;
    if (matches(record)) result.push(record);
  }
  return result;
}

/**
 * A catch-up subscription: confirmation, the history after the start position (exclusive), `caught_up`, then live
 * events; a filtered `$all` subscription also gets a checkpoint every `multiplier × window` events scanned, whether
 * they matched or not, at the position of the last event scanned.
 */
async function subscribe(
  service: StreamsServiceOptions,
  call: ReadCall,
  options: streams.ReadReq.Options,
  cursor: Cursor,
  filter: streams.ReadReq.Options.FilterOptions | undefined,
): Promise<void> {
  const { log, stopped } = service;
  const confirmation = new streams.ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
  if (!(await send(call, new streams.ReadResp().setConfirmation(confirmation), stopped))) return;

  const source = subscriptionSource(log, options);
  const window =
    filter?.getWindowCase() === ReadOptions.FilterOptions.WindowCase.MAX ? filter.getMax() : DEFAULT_SEARCH_WINDOW;
  const checkpointInterval = filter ? Math.max(1, filter.getCheckpointintervalmultiplier()) * window : 0;
  let scanned = 0;
  let live = false;

  while (!call.cancelled && !stopped.aborted) {
    const record = source.next();
    if (record) {
      if (live && source.backlog() > service.liveBufferSize) {
        live = false;
        if (!(await send(call, new streams.ReadResp().setFellBehind(new streams.ReadResp.FellBehind()), stopped)))
          return;
      }
      if (cursor.matches(record)) {
        if (!(await send(call, eventResponse(record, cursor), stopped))) return;
        service.stats.eventsSent += 1;
      }
      if (checkpointInterval > 0 && ++scanned >= checkpointInterval) {
        scanned = 0;
        const checkpoint = new streams.ReadResp.Checkpoint()
          .setCommitPosition(record.position.toString())
          .setPreparePosition(record.position.toString());
        if (!(await send(call, new streams.ReadResp().setCheckpoint(checkpoint), stopped))) return;
      }
      // Let appends and other calls in between a long catch-up.
      if (source.consumed() % 256 === 0) await yieldToEventLoop();
      continue;
    }
    if (!live) {
      live = true;
      if (!(await send(call, new streams.ReadResp().setCaughtUp(new streams.ReadResp.CaughtUp()), stopped))) return;
    }
    await nextAppend(log, call, stopped);
  }
}

interface SubscriptionSource {
  next(): LogRecord | undefined;
  /** Records written but not yet delivered. */
  backlog(): number;
  consumed(): number;
}

function subscriptionSource(log: EsdbLog, options: streams.ReadReq.Options): SubscriptionSource {
  let consumed = 0;
  if (options.hasAll()) {
    let index = subscriptionStartInAll(log, options.getAll()!);
    return {
      next: () => {
        const record = log.recordAt(index);
        if (record) {
          index += 1;
          consumed += 1;
        }
        return record;
      },
      backlog: () => log.length - index,
      consumed: () => consumed,
    };
  }
  const stream = options.getStream()!;
  const id = streamName(stream.getStreamIdentifier());
  let revision = subscriptionStartInStream(log, id, stream);
  return {
    next: () => {
      const record = log.stream(id)?.[revision];
      if (record) {
        revision += 1;
        consumed += 1;
      }
      return record;
    },
    backlog: () => (log.stream(id)?.length ?? 0) - revision,
    consumed: () => consumed,
  };
}

/** Index of the first record delivered: the start position itself is excluded. */
function subscriptionStartInAll(log: EsdbLog, all: streams.ReadReq.Options.AllOptions): number {
  switch (all.getAllOptionCase()) {
    case ReadOptions.AllOptions.AllOptionCase.START:
      return 0;
    case ReadOptions.AllOptions.AllOptionCase.END:
      return log.length;
    default:
      return log.indexAfter(requestedPosition(all.getPosition()!));
  }
}

function subscriptionStartInStream(log: EsdbLog, id: string, stream: streams.ReadReq.Options.StreamOptions): number {
  switch (stream.getRevisionOptionCase()) {
    case ReadOptions.StreamOptions.RevisionOptionCase.START:
      return 0;
    case ReadOptions.StreamOptions.RevisionOptionCase.END:
      return log.stream(id)?.length ?? 0;
    default:
      return clampToNumber(BigInt(stream.getRevision())) + 1;
  }
}

/**
 * The requested `$all` position as one number of this single log (commit = prepare). A position between two
 * records starts at the next one.
 */
function requestedPosition(position: streams.ReadReq.Options.Position): bigint {
  const commit = BigInt(position.getCommitPosition());
  const prepare = BigInt(position.getPreparePosition());
  return prepare > commit ? prepare : commit;
}

/** EventStoreDB's server-side filters: prefixes (`startsWith`) or an unanchored .NET regex on the type or stream. */
function compileFilter(filter: streams.ReadReq.Options.FilterOptions): (record: LogRecord) => boolean {
  const onStream = filter.getFilterCase() === ReadOptions.FilterOptions.FilterCase.STREAM_IDENTIFIER;
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (!expression) throw invalidArgument('filter without an expression');
  const field = (record: LogRecord) => (onStream ? record.streamId : record.type);
  const regex = expression.getRegex();
  if (regex) {
    const compiled = new RegExp(regex);
    return (record) => compiled.test(field(record));
  }
  const prefixes = expression.getPrefixList();
  return (record) => prefixes.some((prefix) => field(record).startsWith(prefix));
}

function eventResponse(record: LogRecord, cursor: Cursor): streams.ReadResp {
  return new streams.ReadResp().setEvent(toReadEvent(record, cursor.structuredIds));
}

// --------------------------------------------------------------------------------------------------- helpers

/** u64 counts and revisions from the wire; anything beyond a safe integer is "everything" here. */
function clampToNumber(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

/** Writes with back-pressure; false when the call is gone (cancelled by the client, or the server stopped). */
async function send(call: ReadCall, message: streams.ReadResp, stopped: AbortSignal): Promise<boolean> {
  if (call.cancelled || stopped.aborted) return false;
  if (call.write(message)) return true;
  const gone = new AbortController();
  try {
    await Promise.race([
      once(call, 'drain', { signal: gone.signal }),
      once(call, 'cancelled', { signal: gone.signal }),
      once(stopped, 'abort', { signal: gone.signal }),
    ]);
  } finally {
    gone.abort();
  }
  return !call.cancelled && !stopped.aborted;
}

function nextAppend(log: EsdbLog, call: ReadCall, stopped: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      unsubscribe();
      call.off('cancelled', done);
      stopped.removeEventListener('abort', done);
      resolve();
    };
    const unsubscribe = log.onAppend(done);
    call.once('cancelled', done);
    stopped.addEventListener('abort', done, { once: true });
  });
}

function fail(call: ReadCall, error: unknown): void {
  if (call.cancelled) return;
  call.emit(
    'error',
    isServiceError(error) ? error : invalidArgument(error instanceof Error ? error.message : String(error)),
  );
}
