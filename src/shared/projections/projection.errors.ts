import type { RecordedEvent } from '../event-store';
import { formatPosition } from './positions';

/** A name that no registered projection carries. */
export class UnknownProjection extends Error {
  constructor(
    readonly projectionName: string,
    readonly known: readonly string[],
  ) {
    super(`Unknown projection "${projectionName}"; known projections: ${known.join(', ') || '(none)'}`);
    this.name = 'UnknownProjection';
  }
}

/** A handler failed on an event; names the event by id, type and position, never by its data. */
export class ProjectionEventFailed extends Error {
  constructor(
    readonly projectionName: string,
    readonly event: Pick<RecordedEvent, 'id' | 'type' | 'position'>,
    cause: unknown,
  ) {
    super(
      `Projection ${projectionName} failed on event ${event.id} (${event.type}) at ${formatPosition(event.position)}: ` +
        describeError(cause),
      { cause },
    );
    this.name = 'ProjectionEventFailed';
  }
}

/** Another writer moved the checkpoint (a rebuild, another instance): the batch is rolled back. */
export class CheckpointMoved extends Error {
  constructor(readonly projectionName: string) {
    super(`Checkpoint of projection ${projectionName} was moved by another writer`);
    this.name = 'CheckpointMoved';
  }
}

/**
 * Describes an error for logs and status without personal data. PostgreSQL messages and details can quote values
 * ("invalid input syntax for type uuid: ..."), so database errors are described by SQLSTATE and schema object names
 * only; other errors by class and message, since our own messages never carry personal data.
 */
export function describeError(error: unknown): string {
  if (error instanceof ProjectionEventFailed || error instanceof ProjectionBatchFailed) return error.message;
  const database = databaseErrorOf(error);
  if (database) {
    const where = [
      database.table && `table ${database.table}`,
      database.column && `column ${database.column}`,
      database.constraint && `constraint ${database.constraint}`,
    ].filter(Boolean);
    return `database error ${database.code}${where.length > 0 ? ` (${where.join(', ')})` : ''}`;
  }
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `non-error thrown (${typeof error})`;
}

interface DatabaseErrorFields {
  code: string;
  table?: string;
  column?: string;
  constraint?: string;
}

/** pg's DatabaseError, possibly wrapped by TypeORM's QueryFailedError (`driverError`). */
function databaseErrorOf(error: unknown): DatabaseErrorFields | undefined {
  let candidate: unknown = error;
  for (let depth = 0; depth < 3 && typeof candidate === 'object' && candidate !== null; depth += 1) {
    const fields = candidate as Record<string, unknown>;
    if (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) && 'severity' in fields) {
      return {
        code: fields.code,
        table: typeof fields.table === 'string' ? fields.table : undefined,
        column: typeof fields.column === 'string' ? fields.column : undefined,
        constraint: typeof fields.constraint === 'string' ? fields.constraint : undefined,
      };
    }
    candidate = fields.driverError ?? fields.cause;
  }
  return undefined;
}

/** A set-based handler failed on a batch; the runner retries one event at a time to name the failing event. */
export class ProjectionBatchFailed extends Error {
  constructor(
    readonly projectionName: string,
    readonly events: readonly Pick<RecordedEvent, 'id' | 'type' | 'position'>[],
    cause: unknown,
  ) {
    const first = events[0];
    const last = events[events.length - 1];
    super(
      `Projection ${projectionName} failed on a batch of ${events.length} events` +
        (first && last ? ` (${formatPosition(first.position)} to ${formatPosition(last.position)})` : '') +
        `: ${describeError(cause)}`,
      { cause },
    );
    this.name = 'ProjectionBatchFailed';
  }
}
