import { type AppendExpectedRevision, EventStoreDBClient } from '@eventstore/db-client';

/**
 * Everything the adapter takes from the EventStoreDB client, in one place, so that switching to the successor
 * client `@kurrent/kurrentdb-client` 1.x is an edit of this file alone: change the module name (twice), use
 * `KurrentDBClient` for `EventStoreDBClient`, and return `{ streamState: expected }` from `appendOptions`. Its other
 * names used here are the same (checked against 1.x's exports); it still accepts `esdb://` connection strings, with a
 * deprecation warning in favour of `kurrentdb://`.
 */
export type EsdbClient = EventStoreDBClient;

export function connectEsdb(connectionString: string): EsdbClient {
  return EventStoreDBClient.connectionString(connectionString);
}

export function appendOptions(expected: AppendExpectedRevision): { expectedRevision: AppendExpectedRevision } {
  return { expectedRevision: expected };
}

export {
  AccessDeniedError,
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  FORWARDS,
  MaxAppendSizeExceededError,
  NotLeaderError,
  START,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendResult,
  type Filter,
  type Position,
  type RecordedEvent,
} from '@eventstore/db-client';
