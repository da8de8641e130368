import type { CurrentRevision, ExpectedRevision } from './event-store.port';

/**
 * Errors of the event store port. Messages carry stream ids and revisions only: stream ids never contain
 * personal data (`<category>-<uuid>`), so the messages are safe to log.
 */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class WrongExpectedVersion extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: CurrentRevision,
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

export class StreamNotFound extends EventStoreError {
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} not found`);
  }
}

/** A malformed append: no type, data that is not a JSON object, duplicate ids, a batch over the size limit. */
export class InvalidAppend extends EventStoreError {
  readonly code = 'INVALID_APPEND';
  constructor(
    readonly streamId: string,
    readonly reason: string,
  ) {
    super(`Append to ${streamId} refused: ${reason}`);
  }
}

/** The store cannot be reached; the operation may be retried. */
export class EventStoreUnavailable extends EventStoreError {
  readonly code = 'EVENT_STORE_UNAVAILABLE';
  constructor(reason: string, options?: ErrorOptions) {
    super(`Event store unavailable: ${reason}`, options);
  }
}
