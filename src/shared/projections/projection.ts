import type { EntityManager } from 'typeorm';
import type { Position, RecordedEvent, SubscriptionFilter } from '../event-store';

/**
 * A projection turns events into a read model. The runner feeds it batches of events in `$all` order and commits
 * each batch together with the projection's checkpoint, in one transaction (`tx`): a handler must write through
 * `tx` only, and never await another database connection while it runs (on PGlite that deadlocks).
 *
 * Most read models are row projections (`defineRowProjection`), built from a pure `evolve`; implement this
 * interface directly for read models that need set-based SQL.
 */
export interface ProjectionHandler {
  /** Stable identifier: lower-case letters, digits, `_`, `-` and `.`, at most 63 characters. */
  readonly name: string;
  /**
   * Bump it when `handle` would build a different read model from the same events: the runner then clears the read
   * model (`reset`) and rebuilds it from the start.
   */
  readonly version: number;
  /** Server-side filter: only matching events reach `handle`. Without one, every non-system event does. */
  readonly filter?: SubscriptionFilter;
  /**
   * Applies events, in order. Must be idempotent: an event may be delivered again after the checkpoint moved back
   * (a manual reset without clearing rows), so guard with the last-applied position per row.
   */
  handle(events: readonly RecordedEvent[], tx: EntityManager): Promise<void>;
  /**
   * Removes every row of the read model. Runs in the transaction that moves the checkpoint back to the start
   * (rebuild, version change), so readers never see rows without the checkpoint that produced them.
   */
  reset(tx: EntityManager): Promise<void>;
}

export type ProjectionState = 'starting' | 'catching_up' | 'live' | 'failing' | 'stopped' | 'standby';

/** A position in a form that survives JSON (health endpoints): bigints as decimal strings. */
export interface JsonPosition {
  readonly commit: string;
  readonly prepare: string;
}

/** What `ProjectionRunner.status()` reports per projection: for health checks, metrics and the rebuild CLI. */
export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly status: ProjectionState;
  /** The committed checkpoint (`start` before the first event). On a standby, as last read from the database. */
  readonly checkpoint: JsonPosition | 'start';
  /**
   * Estimated events in the store after the checkpoint: the difference of the `prepare` halves of the store's head
   * and the checkpoint (the global sequence number in the PostgreSQL store, so a count plus the gaps that rolled-back
   * appends leave; a log offset in EventStoreDB). 0 exactly when the checkpoint has reached the head; a filtered
   * projection may sit a few events short of the head, up to the subscription's checkpoint interval.
   */
  readonly lagEvents: number;
  /** 0 when live; otherwise now minus the recording time of the last applied event (of the first event at start). */
  readonly lagSeconds: number;
  /** Events applied since the last reset (rebuild or version change). */
  readonly eventsApplied: number;
  /** Why the projection is failing or standing by: error class, code and event ids, never event data. */
  readonly lastError?: string;
}

/**
 * The structured logger the runner writes to (Nest's `Logger` and nestjs-pino's `PinoLogger` fit). Messages name
 * projections, event ids, types and positions, never event data: events carry personal data.
 */
export interface ProjectionLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const START_POSITION = 'start' as const;
/** A stored checkpoint: `start` before any event was applied. */
export type CheckpointPosition = Position | typeof START_POSITION;

const PROJECTION_NAME = /^[a-z][a-z0-9_.-]{0,62}$/;

/** Throws when projections are misdeclared: a bad name, a non-positive version, a name used twice. */
export function assertValidProjections(projections: readonly ProjectionHandler[]): void {
  const seen = new Set<string>();
  for (const projection of projections) {
    if (!PROJECTION_NAME.test(projection.name)) {
      throw new Error(`Projection name "${projection.name}" must match ${String(PROJECTION_NAME)}`);
    }
    if (!Number.isSafeInteger(projection.version) || projection.version < 1) {
      throw new Error(`Projection ${projection.name}: version must be a positive integer`);
    }
    if (seen.has(projection.name)) throw new Error(`Projection ${projection.name} is registered twice`);
    seen.add(projection.name);
  }
}
