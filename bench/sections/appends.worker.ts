import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import type { Pool } from 'pg';
import { createPool } from '../../src/shared/database/pg-pool';
import { PostgresEventStore } from '../../src/shared/event-store/postgres';
import { caseEvent, type CaseEvent } from '../support/case-events';

/**
 * One append workload in its own worker thread. Every system runs in a thread of its own, for fairness and because
 * Emmett's driver (dumbo) replaces `pg`'s type parsers process-wide (int8 to BigInt, jsonb through its own
 * parser): in the main thread it would change what our adapter and the raw baseline parse.
 */
export type AppendSystem = 'raw' | 'ours' | 'emmett';

export interface AppendTrialRequest {
  readonly system: AppendSystem;
  readonly url: string;
  readonly writers: number;
  readonly eventsPerAppend: number;
  /** Appends that start before this has elapsed are not counted (connections open, plans are cached). */
  readonly warmupMs: number;
  readonly durationMs: number;
  /** A bound on the loop whatever the clock says. */
  readonly maxAppends: number;
}

export interface AppendTrialResult {
  readonly appends: number;
  readonly events: number;
  readonly elapsedMs: number;
  readonly latenciesMs: number[];
  readonly errors: number;
  readonly firstError?: string;
}

/** Appends one batch to a stream, with the expected version the stream's state says. */
type Append = (stream: StreamState, events: readonly CaseEvent[]) => Promise<void>;

interface StreamState {
  readonly streamId: string;
  readonly intakeId: string;
  /** Events already in the stream. */
  length: number;
  /** What the store returned last, for the next append's expected version. */
  expected: unknown;
}

/** Single-event appends go to streams of ten events (an intake's life); larger batches each start a new stream. */
const APPENDS_PER_STREAM_SINGLE = 10;

const RAW_SINGLE = `
  INSERT INTO bench_raw_events (stream_id, stream_revision, event_id, event_type, data, metadata)
  VALUES ($1, $2, $3, $4, $5, $6)`;
const RAW_MULTI = `
  INSERT INTO bench_raw_events (stream_id, stream_revision, event_id, event_type, data, metadata)
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[])`;

async function openSystem(
  request: AppendTrialRequest,
  pool: Pool,
): Promise<{ append: Append; close(): Promise<void> }> {
  switch (request.system) {
    case 'raw':
      return {
        append: async (stream, events) => {
          if (events.length === 1) {
            const [event] = events as [CaseEvent];
            await pool.query(RAW_SINGLE, [
              stream.streamId,
              stream.length,
              event.id,
              event.type,
              JSON.stringify(event.data),
              JSON.stringify(event.metadata),
            ]);
            return;
          }
          await pool.query(RAW_MULTI, [
            events.map(() => stream.streamId),
            events.map((_, index) => stream.length + index),
            events.map((event) => event.id),
            events.map((event) => event.type),
            events.map((event) => JSON.stringify(event.data)),
            events.map((event) => JSON.stringify(event.metadata)),
          ]);
        },
        close: () => Promise.resolve(),
      };
    case 'ours': {
      const store = new PostgresEventStore(pool);
      return {
        append: async (stream, events) => {
          const result = await store.appendToStream(stream.streamId, events, {
            expectedRevision: stream.length === 0 ? 'no_stream' : (stream.expected as bigint),
          });
          stream.expected = result.nextExpectedRevision;
        },
        close: () => store.close(),
      };
    }
    case 'emmett': {
      // Loaded here only: see the note at the top of this file.
      const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
      const store = getPostgreSQLEventStore(request.url, { connectionOptions: { pool } });
      return {
        append: async (stream, events) => {
          const result = await store.appendToStream(
            stream.streamId,
            events.map((event) => ({ type: event.type, data: event.data, metadata: event.metadata })),
            { expectedStreamVersion: stream.length === 0 ? 'STREAM_DOES_NOT_EXIST' : (stream.expected as bigint) },
          );
          stream.expected = result.nextExpectedStreamVersion;
        },
        close: () => store.close(),
      };
    }
  }
}

async function runTrial(request: AppendTrialRequest): Promise<AppendTrialResult> {
  const pool = createPool(request.url, { max: request.writers, applicationName: `onthaal-bench-${request.system}` });
  const system = await openSystem(request, pool);
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let started = 0;
  const appendsPerStream = request.eventsPerAppend === 1 ? APPENDS_PER_STREAM_SINGLE : 1;
  const begin = performance.now();
  const measureFrom = begin + request.warmupMs;
  const deadline = measureFrom + request.durationMs;
  let lastEnd = measureFrom;

  const writer = async () => {
    const organisationId = randomUUID();
    const actorId = randomUUID();
    let stream: StreamState | undefined;
    while (performance.now() < deadline && started < request.maxAppends) {
      started++;
      if (stream === undefined || stream.length >= appendsPerStream * request.eventsPerAppend) {
        const intakeId = randomUUID();
        stream = { streamId: `intake-${intakeId}`, intakeId, length: 0, expected: undefined };
      }
      const current = stream;
      const events = Array.from({ length: request.eventsPerAppend }, (_, index) =>
        caseEvent(current.intakeId, current.length + index, organisationId, actorId),
      );
      const before = performance.now();
      try {
        await system.append(current, events);
        current.length += events.length;
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        stream = undefined;
        continue;
      }
      const after = performance.now();
      if (before >= measureFrom) {
        latenciesMs.push(after - before);
        if (after > lastEnd) lastEnd = after;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: request.writers }, writer));
  } finally {
    await system.close();
    await pool.end();
  }
  const appends = latenciesMs.length;
  return {
    appends,
    events: appends * request.eventsPerAppend,
    elapsedMs: lastEnd - measureFrom,
    latenciesMs,
    errors,
    ...(firstError === undefined ? {} : { firstError }),
  };
}

parentPort?.on('message', (request: AppendTrialRequest) => {
  runTrial(request).then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (error: unknown) =>
      parentPort?.postMessage({
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }),
  );
});
