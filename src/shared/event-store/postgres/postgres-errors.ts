import { DatabaseError } from 'pg';
import { EventStoreError, EventStoreUnavailable, InvalidAppend, WrongExpectedVersion } from '../event-store.errors';
import type { CurrentRevision, ExpectedRevision } from '../event-store.port';

/** SQLSTATEs raised by `es_append_to_stream` (create-event-store.migration.ts). */
export const WRONG_EXPECTED_VERSION_SQLSTATE = 'ESWEV';
export const NOT_FIRST_WRITE_SQLSTATE = 'ESXID';

/**
 * Translates an append's failure into the port's errors. Raw database errors never reach the caller: their text can
 * quote values, and the caller could not act on them anyway. The original stays attached as `cause` for logs.
 */
export function appendError(error: unknown, streamId: string, expected: ExpectedRevision): Error {
  if (error instanceof EventStoreError) return error;
  if (error instanceof DatabaseError) {
    if (error.code === WRONG_EXPECTED_VERSION_SQLSTATE) {
      return new WrongExpectedVersion(streamId, expected, parseCurrentRevision(error.detail));
    }
    if (error.code === NOT_FIRST_WRITE_SQLSTATE) {
      return new InvalidAppend(streamId, 'the append must be the first write of its transaction');
    }
    // Class 22 (data exception): a value PostgreSQL refuses to store, e.g. "\u0000" inside JSON text.
    if (error.code?.startsWith('22')) {
      return new InvalidAppend(streamId, `data or metadata cannot be stored (SQLSTATE ${error.code})`);
    }
  }
  return unavailable(error);
}

/** Any other failure: the database is down, unreachable, or not migrated. The caller may retry later. */
export function unavailable(error: unknown): Error {
  if (error instanceof EventStoreError) return error;
  if (error instanceof DatabaseError) {
    return new EventStoreUnavailable(`database error ${error.code ?? 'unknown'}`, { cause: error });
  }
  const code = (error as { code?: unknown } | null)?.code;
  return new EventStoreUnavailable(typeof code === 'string' ? `connection failed (${code})` : 'connection failed', {
    cause: error,
  });
}

function parseCurrentRevision(detail: string | undefined): CurrentRevision {
  if (detail === undefined || detail === 'no_stream' || !/^\d+$/.test(detail)) return 'no_stream';
  return BigInt(detail);
}
