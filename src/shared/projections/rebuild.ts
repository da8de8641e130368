import type { DataSource } from 'typeorm';
import type { EventStore } from '../event-store';
import { sleep, type BackoffOptions } from './backoff';
import { readCheckpoint, resetCheckpoint } from './checkpoint-store';
import { progressFraction, readHead, type StoreHead } from './lag';
import type { CheckpointPosition, ProjectionHandler, ProjectionLogger, ProjectionState } from './projection';
import { ProjectionRunner } from './projection-runner';

export type RebuildRunner = 'this process' | 'another instance';

export interface RebuildProgress {
  readonly name: string;
  readonly version: number;
  readonly checkpoint: CheckpointPosition;
  readonly head: StoreHead | undefined;
  /** 0 to 1, by position: see `progressFraction`. */
  readonly fraction: number;
  readonly eventsApplied: number;
  readonly runBy: RebuildRunner;
  /** This process's view: `standby` while another instance replays the projection. */
  readonly status: ProjectionState;
  readonly lastError?: string;
}

export interface RebuildSummary {
  readonly name: string;
  readonly version: number;
  readonly eventsApplied: number;
  readonly durationMs: number;
  readonly runBy: RebuildRunner;
  readonly checkpoint: CheckpointPosition;
}

export interface RebuildOptions {
  readonly eventStore: EventStore;
  readonly dataSource: DataSource;
  readonly logger: ProjectionLogger;
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** How often progress is read and reported (default 500 ms). */
  readonly pollMs?: number;
  readonly batchSize?: number;
  readonly lockRetryMs?: number;
  readonly backoff?: BackoffOptions;
  /** Stops waiting (and the local runner, gracefully); the rebuild itself goes on wherever the projection runs. */
  readonly signal?: AbortSignal;
}

export class RebuildAborted extends Error {
  constructor(readonly projectionName: string) {
    super(`Rebuild of projection ${projectionName} interrupted; it goes on wherever the projection runs`);
    this.name = 'RebuildAborted';
  }
}

/**
 * Rebuilds a projection from the start, whether or not the service is running:
 * 1. one short transaction clears the read model and moves the checkpoint back to `start` (new generation);
 * 2. a runner in this process competes for the projection's lock: if no replica holds it, this process replays the
 *    projection itself; if one does, that replica notices the reset (its compare-and-set fails, or its periodic
 *    check sees the new generation) and replays it, while this process stands by;
 * 3. progress (checkpoint against the store's head) is read from the checkpoint table until the replay is live.
 * The replay runs in ordinary batches, never in one long transaction that would hold back every subscription.
 */
export async function rebuildProjection(
  projection: ProjectionHandler,
  options: RebuildOptions,
): Promise<RebuildSummary> {
  const startedAt = Date.now();
  const { dataSource, eventStore, logger } = options;
  const reset = await resetCheckpoint(dataSource, projection);
  if (reset.kind === 'superseded') {
    throw new Error(
      `Projection ${projection.name}: version ${reset.newerVersion} owns the read model; this code has version ${projection.version}`,
    );
  }
  const generation = reset.checkpoint.generation;
  logger.log(`Projection ${projection.name} v${projection.version}: reset to the start for a rebuild`);

  const runner = new ProjectionRunner({
    eventStore,
    dataSource,
    logger,
    projections: [projection],
    lagRefreshMs: 0,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.lockRetryMs === undefined ? {} : { lockRetryMs: options.lockRetryMs }),
    ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
  });
  runner.start();
  let runBy: RebuildRunner = 'another instance';
  try {
    for (;;) {
      if (options.signal?.aborted) throw new RebuildAborted(projection.name);
      const stored = await readCheckpoint(dataSource.manager, projection.name, projection.version);
      if (!stored || stored.generation !== generation) {
        throw new Error(`Projection ${projection.name} was reset again by someone else during the rebuild`);
      }
      const local = runner.statusOf(projection.name);
      if (local.status !== 'standby' && local.status !== 'starting' && local.status !== 'stopped')
        runBy = 'this process';
      const head = await readHead(eventStore);
      options.onProgress?.({
        name: projection.name,
        version: projection.version,
        checkpoint: stored.position,
        head,
        fraction: stored.caughtUp ? 1 : progressFraction(stored.position, head),
        eventsApplied: stored.eventsApplied,
        runBy,
        status: local.status,
        ...(local.lastError === undefined ? {} : { lastError: local.lastError }),
      });
      if (stored.caughtUp) {
        return {
          name: projection.name,
          version: projection.version,
          eventsApplied: stored.eventsApplied,
          durationMs: Date.now() - startedAt,
          runBy,
          checkpoint: stored.position,
        };
      }
      await sleep(options.pollMs ?? 500, options.signal);
    }
  } finally {
    await runner.stop();
  }
}
