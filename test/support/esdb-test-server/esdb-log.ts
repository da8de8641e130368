import { randomUUID } from 'node:crypto';

/**
 * The in-memory transaction log behind the EventStoreDB test server. It lives outside the gRPC server so that a
 * test can stop and restart the server on the same port and find its data again, as with a real node.
 *
 * Semantics follow EventStoreDB (EventStore/EventStore/docs/clients/grpc/appending-events.md, the TCP client's
 * "Optimistic concurrency and idempotence" page, and IndexWriter.CheckCommit in EventStore/EventStore): one log,
 * positions are byte offsets into it (increasing, not contiguous), every append is one atomic write to one stream.
 */

/** What the writer expects of the stream, as on the wire. */
export type ExpectedState =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

export interface ProposedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

export interface LogRecord extends ProposedEvent {
  /** Commit and prepare positions are equal: the log has no explicit (multi-write) transactions. */
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  /** 100-nanosecond ticks since the Unix epoch, as EventStoreDB sends `created`. */
  readonly createdTicks: bigint;
}

export type AppendOutcome =
  | {
      readonly kind: 'success';
      readonly currentRevision: bigint;
      /**
       * The write's `$all` position as EventStoreDB reports it: commit = the last event's log position, prepare =
       * the first event's (WriteEventsCompleted(…, FirstPrepare, CommitPosition) in its WriteEvents request
       * manager). A retry that wrote nothing reports one log position for both.
       */
      readonly commitPosition: bigint;
      readonly preparePosition: bigint;
      /** False for a retry that found its events already in the stream. */
      readonly written: boolean;
    }
  /** `currentRevision` is undefined when the stream does not exist. */
  | { readonly kind: 'wrongExpectedVersion'; readonly currentRevision: bigint | undefined }
  | { readonly kind: 'maxAppendSizeExceeded'; readonly maxAppendSize: number };

export type ReadFrom<T> = 'start' | 'end' | T;

/** EventStoreDB's default MaxAppendSize. */
export const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

/** Bytes of framing per log record on top of its strings and payloads; only makes positions look realistic. */
const RECORD_OVERHEAD = 96;

export class EsdbLog {
  private readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly listeners = new Set<() => void>();
  // A real log starts with epoch and chunk records, so the first event never sits at 0.
  private nextPosition = 4096n;

  constructor(readonly maxAppendSize = DEFAULT_MAX_APPEND_SIZE) {}

  get length(): number {
    return this.records.length;
  }

  recordAt(index: number): LogRecord | undefined {
    return this.records[index];
  }

  /** Index of the first record whose position is strictly greater than `position`. */
  indexAfter(position: bigint): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.records[middle]!.position <= position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Index of the first record whose position is at or after `position`. */
  indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.records[middle]!.position < position) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  stream(streamId: string): readonly LogRecord[] | undefined {
    return this.streams.get(streamId);
  }

  /** Called after every write; returns the function that unregisters it. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(streamId: string, expected: ExpectedState, events: readonly ProposedEvent[]): AppendOutcome {
    const size = events.reduce((total, event) => total + sizeOnDisk(event), 0);
    if (size > this.maxAppendSize) return { kind: 'maxAppendSizeExceeded', maxAppendSize: this.maxAppendSize };

    const existing = this.streams.get(streamId) ?? [];
    const current = BigInt(existing.length) - 1n; // -1: no stream
    const wrong: AppendOutcome = { kind: 'wrongExpectedVersion', currentRevision: current < 0n ? undefined : current };

    switch (expected.kind) {
      case 'stream_exists':
        if (current < 0n) return wrong;
        return this.appendOrFindDuplicate(streamId, existing, events) ?? wrong;
      case 'any':
        return this.appendOrFindDuplicate(streamId, existing, events) ?? wrong;
      case 'no_stream':
      case 'revision': {
        const revision = expected.kind === 'no_stream' ? -1n : expected.revision;
        if (revision === current) return this.write(streamId, existing, events);
        if (revision > current) return wrong;
        // Behind the stream: a retry of a write that already happened succeeds without writing again, but only
        // when every event of the batch sits exactly after the expected revision.
        const after = existing.slice(Number(revision + 1n), Number(revision + 1n) + events.length);
        const sameEvents = after.length === events.length && after.every((r, i) => r.eventId === events[i]!.eventId);
        if (!sameEvents) return wrong;
        return this.alreadyWritten(revision + BigInt(events.length), after.at(-1)!);
      }
    }
  }

  /**
   * A write with no revision check. EventStoreDB keeps idempotence "best effort" here: when the first event id
   * is already in the stream and the batch repeats it and its successors, nothing is written; when only part of
   * the batch repeats, the write is refused (undefined); otherwise the batch is appended.
   */
  private appendOrFindDuplicate(
    streamId: string,
    existing: LogRecord[],
    events: readonly ProposedEvent[],
  ): AppendOutcome | undefined {
    const first = existing.findIndex((record) => record.eventId === events[0]!.eventId);
    if (first < 0) return this.write(streamId, existing, events);
    const repeated = existing.slice(first, first + events.length);
    const sameEvents = repeated.length === events.length && repeated.every((r, i) => r.eventId === events[i]!.eventId);
    if (!sameEvents) return undefined;
    return this.alreadyWritten(BigInt(first + events.length - 1), repeated.at(-1)!);
  }

  private alreadyWritten(currentRevision: bigint, last: LogRecord): AppendOutcome {
    return {
      kind: 'success',
      currentRevision,
      commitPosition: last.position,
      preparePosition: last.position,
      written: false,
    };
  }

  private write(streamId: string, existing: LogRecord[], events: readonly ProposedEvent[]): AppendOutcome {
    const createdTicks = BigInt(Date.now()) * 10_000n;
    let revision = BigInt(existing.length);
    for (const event of events) {
      const record: LogRecord = { ...event, streamId, revision, position: this.nextPosition, createdTicks };
      this.nextPosition += BigInt(sizeOnDisk(event) + Buffer.byteLength(streamId) + RECORD_OVERHEAD);
      existing.push(record);
      this.records.push(record);
      revision += 1n;
    }
    this.streams.set(streamId, existing);
    for (const listener of [...this.listeners]) listener();
    return {
      kind: 'success',
      currentRevision: revision - 1n,
      commitPosition: existing.at(-1)!.position,
      preparePosition: existing.at(-events.length)!.position,
      written: true,
    };
  }

  /** Writes the way the server writes its own events ($stats, $metadata, ...): no checks. */
  appendSystemEvent(streamId: string, type: string, data: unknown): LogRecord {
    const outcome = this.append(streamId, { kind: 'any' }, [
      {
        eventId: randomUUID(),
        type,
        contentType: 'application/json',
        data: Buffer.from(JSON.stringify(data)),
        metadata: new Uint8Array(),
      },
    ]);
    if (outcome.kind !== 'success') throw new Error(`system write to ${streamId} failed: ${outcome.kind}`);
    return this.streams.get(streamId)!.at(-1)!;
  }
}

/** Event.SizeOnDisk in EventStoreDB: what counts against MaxAppendSize. */
function sizeOnDisk(event: ProposedEvent): number {
  return event.data.length + event.metadata.length + Buffer.byteLength(event.type) * 2;
}
