/**
 * Translations between @eventstore/db-client 6.x and the event store port: recorded events and errors.
 */
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  type Position as EsdbPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from './esdb-client';
import { EventStoreUnavailable, InvalidAppend, StreamNotFound, WrongExpectedVersion } from '../event-store.errors';
import type { ExpectedRevision, JsonObject, Position, RecordedEvent } from '../event-store.port';

/**
 * Our writers only store JSON objects, but `$all` also carries the server's own events (link events `$>` are
 * plain text, not JSON). Anything that is not a JSON object is wrapped so that nothing is silently dropped:
 * `{ $value: <json> }` for other JSON values, `{ $binary: <base64> }` for bytes.
 */
function toJsonObject(value: unknown): JsonObject {
  if (value === undefined || value === null) return {};
  if (value instanceof Uint8Array) return value.length === 0 ? {} : { $binary: Buffer.from(value).toString('base64') };
  if (typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
  return { $value: value as JsonObject[string] };
}

export function toRecordedEvent(event: EsdbRecordedEvent, fallbackCommitPosition?: bigint): RecordedEvent {
  return {
    streamId: event.streamId,
    revision: event.revision,
    id: event.id,
    type: event.type,
    data: toJsonObject(event.data),
    metadata: toJsonObject(event.metadata),
    position: positionOf(event, fallbackCommitPosition),
    created: event.created,
  };
}

/** Servers since 22.6 put the `$all` position on every event they return, stream reads included. */
function positionOf(event: EsdbRecordedEvent, fallbackCommitPosition: bigint | undefined): Position {
  if (event.position) return { commit: event.position.commit, prepare: event.position.prepare };
  if (fallbackCommitPosition !== undefined) return { commit: fallbackCommitPosition, prepare: fallbackCommitPosition };
  throw new Error(
    `EventStoreDB returned event ${event.streamId}@${event.revision} without its $all position; server 22.6 or later is required`,
  );
}

export function toEsdbPosition(position: Position): EsdbPosition {
  return { commit: position.commit, prepare: position.prepare };
}

/**
 * Maps a client error to the port's errors. Domain outcomes keep their meaning; anything that says the server
 * could not serve the request (down, unreachable, timed out, not the leader, refusing our credentials) becomes
 * `EventStoreUnavailable` with the reason, so that readiness and callers see why. Other errors are ours: rethrown.
 */
export function toPortError(error: unknown, context: { streamId?: string; expected?: ExpectedRevision } = {}): unknown {
  if (error instanceof WrongExpectedVersionError && context.streamId !== undefined && context.expected !== undefined) {
    return new WrongExpectedVersion(context.streamId, context.expected, error.actualVersion);
  }
  if (error instanceof StreamNotFoundError) return new StreamNotFound(context.streamId ?? error.streamName);
  if (error instanceof MaxAppendSizeExceededError) {
    return new InvalidAppend(
      context.streamId ?? '',
      `batch exceeds the server's maximum append size of ${error.maxAppendSize} bytes`,
    );
  }
  const reason = unavailabilityReason(error);
  if (reason !== undefined) return new EventStoreUnavailable(reason, { cause: error });
  return error;
}

function unavailabilityReason(error: unknown): string | undefined {
  if (error instanceof AccessDeniedError) {
    return 'EventStoreDB refused the credentials of EVENTSTORE_CONNECTION_STRING (access denied)';
  }
  if (error instanceof NotLeaderError) return 'the EventStoreDB node is not the leader';
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof UnknownError
  ) {
    return describe(error);
  }
  // esdb+discover:// found no usable node (the client throws a plain Error for it).
  if (error instanceof Error && /^Failed to discover after \d+ attempts/.test(error.message)) {
    return `no EventStoreDB node found through gossip: ${error.message}`;
  }
  // A raw gRPC status (code 14 UNAVAILABLE and friends) that the client did not convert.
  if (error instanceof Error && typeof (error as { code?: unknown }).code === 'number') return describe(error);
  return undefined;
}

/** gRPC messages name the address and the transport failure, never event data: safe to log. */
function describe(error: Error): string {
  return error.message.length > 0 ? error.message : error.constructor.name;
}
