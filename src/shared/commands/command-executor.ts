import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CLOCK, type Clock } from '../domain/clock';
import { type Decider, foldEvents } from '../domain/decider';
import { ConcurrentUpdate, IdempotencyKeyReused, StaleRevision } from '../domain/domain-error';
import type { DomainEvent } from '../domain/domain-event';
import type { EventDecoder } from '../domain/event-decoding';
import {
  EVENT_STORE,
  type EventData,
  type EventStore,
  type JsonObject,
  type Position,
  type RecordedEvent,
  StreamNotFound,
  WrongExpectedVersion,
} from '../event-store';
import type { BeforeAppend } from './before-append';

/** Who asks, and the request's envelope facts; none of it is personal data. */
export interface CommandContext {
  readonly user: Pick<AuthenticatedUser, 'userId' | 'organisationId' | 'roles'>;
  /** Ties the events to the request and its log lines. */
  readonly correlationId: string;
  /** The client's `Idempotency-Key`: a retry writes nothing twice and answers like the first call. */
  readonly idempotencyKey?: string;
  /**
   * What the request was (`requestDigest` of `http/command-headers.ts`): the key answers only for the same request.
   * Absent for commands that do not come from a request (reference data), which are matched on the key alone.
   */
  readonly requestDigest?: string;
  /** The `If-Match` revision: the stream must still be at it, or the command is refused with 412. */
  readonly expectedRevision?: bigint;
  /** When the fact happened, if the client says so; otherwise when it was decided. */
  readonly occurredAt?: Date;
  /** Stored before the events are appended (the access log's pending entry); a failure appends nothing. */
  readonly beforeAppend?: BeforeAppend;
}

export interface CommandResult<State> {
  readonly streamId: string;
  /** The stream's revision after the command: the resource's new ETag. */
  readonly revision: bigint;
  /** Where the last event landed in `$all`: a client may wait for read models to reach it. Absent when nothing was written. */
  readonly position?: Position;
  readonly state: State;
  /** True when this was a retry of a command already applied (same idempotency key). */
  readonly replayed: boolean;
}

/** Attempts at read-decide-append when a concurrent writer got in between and the caller did not pin a revision. */
const MAX_ATTEMPTS = 5;

/**
 * The one way a command changes a stream (docs/adr/0004-deciders.md): read the stream, fold it, decide, append
 * with the revision that was read. A concurrent write makes it decide again on the new state, unless the caller
 * pinned a revision with `If-Match` (then 412). Event ids derive from the idempotency key, so a retried command is
 * recognised in the stream itself and nothing is appended twice, whatever happened to the first response.
 */
@Injectable()
export class CommandExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute<Command, Event extends DomainEvent, State>(
    streamId: string,
    decider: Decider<Command, Event, State>,
    command: Command,
    context: CommandContext,
    decode: EventDecoder<Event>,
  ): Promise<CommandResult<State>> {
    for (let attempt = 1; ; attempt++) {
      const history = await this.read(streamId);
      const current = history.at(-1)?.revision;

      const replayed = earlierCallOf(history, streamId, context);
      if (replayed !== undefined) {
        // Answer as the first call did: the state right after that command's events, not the stream's today.
        const upTo = history.slice(0, replayed + 1);
        const last = upTo.at(-1)!;
        const state = foldEvents(decider, upTo.map(decode));
        return { streamId, revision: last.revision, position: last.position, state, replayed: true };
      }
      const state = foldEvents(decider, history.map(decode));

      if (context.expectedRevision !== undefined && context.expectedRevision !== current) {
        throw new StaleRevision(current);
      }
      const events = decider.decide(command, state);
      if (events.length === 0) return { streamId, revision: current ?? -1n, state, replayed: false };

      await context.beforeAppend?.();
      try {
        const result = await this.store.appendToStream(streamId, this.envelope(streamId, events, context), {
          expectedRevision: current ?? 'no_stream',
        });
        return {
          streamId,
          revision: result.nextExpectedRevision,
          position: result.position,
          state: events.reduce((folded, event) => decider.evolve(folded, event), state),
          replayed: false,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        if (context.expectedRevision !== undefined)
          throw new StaleRevision(error.actual === 'no_stream' ? undefined : error.actual);
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrentUpdate();
      }
    }
  }

  private async read(streamId: string): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(streamId);
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
  }

  private envelope(streamId: string, events: readonly DomainEvent[], context: CommandContext): EventData[] {
    const occurredAt = (context.occurredAt ?? this.clock.now()).toISOString();
    const fingerprint = requestFingerprint(context);
    return events.map((event, index) => ({
      id: context.idempotencyKey ? idempotentEventId(context, streamId, index) : randomUUID(),
      type: event.type,
      data: event.data as JsonObject,
      metadata: {
        actorId: context.user.userId,
        organisationId: context.user.organisationId,
        roles: [...context.user.roles],
        correlationId: context.correlationId,
        occurredAt,
        ...(fingerprint !== undefined ? { [REQUEST_FINGERPRINT]: fingerprint } : {}),
      },
    }));
  }
}

/** The metadata field of the request fingerprint, on every event a command with an idempotency key appends. */
export const REQUEST_FINGERPRINT = 'requestFingerprint';

/**
 * The index of the last event of the batch an earlier call with this idempotency key wrote to the stream, if any.
 * A call that is not the same request (another endpoint, body or `If-Match`) is refused with 422: the key answers
 * for its first request only, never with a result of another (docs/adr/0021).
 */
export function earlierCallOf(
  history: readonly RecordedEvent[],
  streamId: string,
  context: CommandContext,
): number | undefined {
  if (context.idempotencyKey === undefined) return undefined;
  const first = idempotentEventId(context, streamId, 0);
  const start = history.findIndex((event) => event.id === first);
  if (start < 0) return undefined;
  const stored = history[start]!.metadata[REQUEST_FINGERPRINT];
  const fingerprint = requestFingerprint(context);
  // Events written without a fingerprint (reference data) are matched on the key alone.
  if (typeof stored === 'string' && fingerprint !== undefined && stored !== fingerprint)
    throw new IdempotencyKeyReused();
  let end = start;
  while (history[end + 1]?.id === idempotentEventId(context, streamId, end + 1 - start)) end++;
  return end;
}

/**
 * The request's digest, keyed by the user and the idempotency key. The key is stored nowhere, so the fingerprint
 * kept in the events' metadata cannot be tested against guesses at a body that held personal data.
 */
function requestFingerprint(context: CommandContext): string | undefined {
  if (context.idempotencyKey === undefined || context.requestDigest === undefined) return undefined;
  return createHmac('sha256', `${context.user.userId}\u0000${context.idempotencyKey}`)
    .update(context.requestDigest, 'utf8')
    .digest('base64url');
}

/**
 * A UUID (version 8, RFC 9562) derived from the user, the idempotency key, the stream and the event's place in its
 * batch: the same retry yields the same ids, different users' keys never collide.
 */
export function idempotentEventId(
  context: Pick<CommandContext, 'user' | 'idempotencyKey'>,
  streamId: string,
  index: number,
): string {
  const hash = createHash('sha256')
    .update(`${context.user.userId}\u0000${context.idempotencyKey ?? ''}\u0000${streamId}\u0000${index}`)
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x80;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The id of a resource a command creates. Derived from the idempotency key when there is one, so that a retried
 * "create" lands on the same stream and is recognised there; random otherwise.
 */
export function newResourceId(context: Pick<CommandContext, 'user' | 'idempotencyKey'>, category: string): string {
  return context.idempotencyKey ? idempotentEventId(context, `new:${category}`, 0) : randomUUID();
}
