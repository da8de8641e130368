import type { DataSource } from 'typeorm';
import type { EventStore, Position, RecordedEvent } from '../event-store';
import { systemClock, type Clock } from '../domain/clock';
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffOptions } from './backoff';
import {
  claimCheckpoint,
  compareAndSetCheckpoint,
  readCheckpoint,
  resetCheckpoint,
  type StoredCheckpoint,
} from './checkpoint-store';
import { estimateLagEvents, lagSecondsOf, readFirst, readHead, type StoreHead } from './lag';
import { compareCheckpoints, formatPosition, toJsonPosition } from './positions';
import {
  assertValidProjections,
  START_POSITION,
  type CheckpointPosition,
  type ProjectionHandler,
  type ProjectionLogger,
  type ProjectionState,
  type ProjectionStatus,
} from './projection';
import { describeError, ProjectionBatchFailed, ProjectionEventFailed, UnknownProjection } from './projection.errors';
import { ProjectionLocks } from './projection-locks';
import { SubscriptionBatcher, type SubscriptionBatch } from './subscription-batches';

export interface ProjectionRunnerOptions {
  readonly eventStore: EventStore;
  /** The read models' database; also holds `projection_checkpoints` and the advisory locks. */
  readonly dataSource: DataSource;
  readonly projections: readonly ProjectionHandler[];
  readonly logger: ProjectionLogger;
  /** Events per transaction at most (default 500: large enough to catch up fast, small enough to keep xmin moving). */
  readonly batchSize?: number;
  /**
   * How often a standby retries a projection's lock, and how often an owner checks its lock connection and looks for
   * a reset made elsewhere (a rebuild from the CLI). Default 5 s.
   */
  readonly lockRetryMs?: number;
  /** Retry pace after a failing handler or a dropped subscription. */
  readonly backoff?: BackoffOptions;
  /** How often the store's head is read for the lag figures (default 5 s; 0 turns the timer off). */
  readonly lagRefreshMs?: number;
  /** How often `waitFor` reads the checkpoint when another instance runs the projection (default 100 ms). */
  readonly checkpointPollMs?: number;
  readonly clock?: Clock;
  /** Called with a projection's status whenever it changes: wire it to metrics. Must not throw. */
  readonly onStatus?: (status: ProjectionStatus) => void;
}

interface Settings {
  readonly eventStore: EventStore;
  readonly dataSource: DataSource;
  readonly logger: ProjectionLogger;
  readonly batchSize: number;
  readonly lockRetryMs: number;
  readonly backoff: BackoffOptions;
  readonly checkpointPollMs: number;
  readonly clock: Clock;
  readonly locks: ProjectionLocks;
  readonly heads: () => { head?: StoreHead; first?: StoreHead };
  readonly emit: (status: ProjectionStatus) => void;
}

/**
 * Runs projections: for each, subscribes to `$all` from its stored checkpoint and applies batches of events, each
 * batch and its checkpoint compare-and-set in one transaction. One replica runs each projection (advisory lock);
 * the others stand by and take over when it goes. See docs/adr/0010-projection-runner.md and docs/architecture.md §5.
 */
export class ProjectionRunner {
  private readonly workers = new Map<string, ProjectionWorker>();
  private readonly settings: Settings;
  private readonly lagRefreshMs: number;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribeLost: () => void;
  private head: StoreHead | undefined;
  private first: StoreHead | undefined;
  private started = false;
  private stopped: Promise<void> | undefined;

  constructor(options: ProjectionRunnerOptions) {
    assertValidProjections(options.projections);
    const locks = new ProjectionLocks(options.dataSource);
    this.settings = {
      eventStore: options.eventStore,
      dataSource: options.dataSource,
      logger: options.logger,
      batchSize: Math.max(1, options.batchSize ?? 500),
      lockRetryMs: options.lockRetryMs ?? 5_000,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      checkpointPollMs: options.checkpointPollMs ?? 100,
      clock: options.clock ?? systemClock,
      locks,
      heads: () => ({ head: this.head, first: this.first }),
      emit: (status) => {
        try {
          options.onStatus?.(status);
        } catch (error) {
          options.logger.warn(`Projection status observer failed: ${describeError(error)}`);
        }
      },
    };
    this.lagRefreshMs = options.lagRefreshMs ?? 5_000;
    for (const projection of options.projections) {
      this.workers.set(projection.name, new ProjectionWorker(projection, this.settings));
    }
    this.unsubscribeLost = locks.onLost((names) => {
      for (const name of names) this.workers.get(name)?.lockLost();
    });
  }

  /** Starts every projection in the background; returns at once. */
  start(): void {
    if (this.started) throw new Error('ProjectionRunner already started');
    this.started = true;
    for (const worker of this.workers.values()) worker.start();
    const every = (ms: number, task: () => Promise<void>) => {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        void task().finally(() => {
          running = false;
        });
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.settings.lockRetryMs, () => this.superviseOwnership());
    if (this.lagRefreshMs > 0) every(this.lagRefreshMs, () => this.refreshLag());
    void this.refreshLag();
  }

  /**
   * Graceful stop: each projection finishes and commits the batch it is applying, closes its subscription and
   * releases its lock. Idempotent.
   */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      for (const timer of this.timers) clearInterval(timer);
      await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
      this.unsubscribeLost();
      await this.settings.locks.close();
    })();
    return this.stopped;
  }

  /** Every projection's status, from memory: cheap enough for every health check and metrics scrape. */
  status(): ProjectionStatus[] {
    return [...this.workers.values()].map((worker) => worker.status());
  }

  statusOf(name: string): ProjectionStatus {
    return this.workerOf(name).status();
  }

  /** Reads the store's head (and, on standbys, the checkpoints) so that the lag figures are current. */
  async refreshLag(): Promise<void> {
    try {
      this.head = await readHead(this.settings.eventStore);
      if (!this.first && this.head) this.first = await readFirst(this.settings.eventStore);
    } catch (error) {
      this.settings.logger.warn(`Projections: could not read the event store's head: ${describeError(error)}`);
    }
    for (const worker of this.workers.values()) await worker.refreshFromDatabase();
    for (const worker of this.workers.values()) this.settings.emit(worker.status());
  }

  /**
   * Resolves `true` once the projection's checkpoint has reached `position` (so that a client can read its own
   * write), `false` after `timeoutMs`. Works on every replica: a standby polls the stored checkpoint. A filtered
   * projection only reaches positions of events it reads, or the next checkpoint signal after them.
   */
  async waitFor(name: string, position: Position, timeoutMs: number): Promise<boolean> {
    return this.workerOf(name).waitFor(position, timeoutMs);
  }

  /**
   * Rebuilds a projection from the start in the background: clears its read model and moves its checkpoint back, in
   * one transaction; whichever replica runs the projection then replays it in ordinary batches. Follow it with
   * `status()` or `rebuildProjection` (which reports progress).
   */
  async rebuild(name: string): Promise<void> {
    const worker = this.workerOf(name);
    const outcome = await resetCheckpoint(this.settings.dataSource, worker.projection);
    if (outcome.kind === 'superseded') {
      throw new Error(`Projection ${name}: version ${outcome.newerVersion} owns the read model; not rebuilding`);
    }
    worker.resetDetected();
  }

  private workerOf(name: string): ProjectionWorker {
    const worker = this.workers.get(name);
    if (!worker) throw new UnknownProjection(name, [...this.workers.keys()]);
    return worker;
  }

  /** Checks the lock connection, and whether a reset elsewhere moved an owned projection's checkpoint back. */
  private async superviseOwnership(): Promise<void> {
    if (!(await this.settings.locks.verify())) {
      this.settings.logger.warn('Projections: lock connection lost; reacquiring');
    }
    for (const worker of this.workers.values()) await worker.checkForReset();
  }
}

interface Waiter {
  readonly resolve: () => void;
}

/** Runs one projection: lock, subscription, batches, status. */
class ProjectionWorker {
  private state: ProjectionState = 'starting';
  private checkpoint: StoredCheckpoint | undefined;
  private live = false;
  private lastError: string | undefined;
  private lastAppliedCreated: Date | undefined;
  private failures = 0;
  /** After a handler failure, batches of one event until one commits: the failing event is then named exactly. */
  private isolate = false;
  private stopping = false;
  private readonly stopController = new AbortController();
  private interruption: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private waiters = new Set<Waiter>();

  constructor(
    readonly projection: ProjectionHandler,
    private readonly settings: Settings,
  ) {}

  start(): void {
    this.loop = this.run().catch((error: unknown) => {
      // Not expected: run() handles its own failures. Report it rather than leave an unhandled rejection.
      this.lastError = describeError(error);
      this.settings.logger.error(`Projection ${this.label()}: runner loop ended: ${this.lastError}`);
      this.setState('stopped', true);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopController.abort();
    this.interruption?.abort();
    await this.loop;
  }

  lockLost(): void {
    this.settings.logger.warn(`Projection ${this.label()}: lock lost; pausing until it is reacquired`);
    this.interruption?.abort();
  }

  /** Called after a reset made in this process: resubscribe at once rather than at the next batch. */
  resetDetected(): void {
    this.interruption?.abort();
  }

  async checkForReset(): Promise<void> {
    const current = this.checkpoint;
    if (!this.interruption || !current || this.stopping) return;
    try {
      const stored = await readCheckpoint(
        this.settings.dataSource.manager,
        this.projection.name,
        this.projection.version,
      );
      if (!stored || stored.generation !== current.generation) {
        this.settings.logger.log(
          `Projection ${this.label()}: reset elsewhere; resubscribing from the stored checkpoint`,
        );
        this.interruption?.abort();
      }
    } catch (error) {
      this.settings.logger.warn(`Projection ${this.label()}: could not read its checkpoint: ${describeError(error)}`);
    }
  }

  /** On a standby (or before the first claim), the stored checkpoint is the only news of the projection. */
  async refreshFromDatabase(): Promise<void> {
    if (this.state !== 'standby' && this.state !== 'starting') return;
    try {
      const stored = await readCheckpoint(
        this.settings.dataSource.manager,
        this.projection.name,
        this.projection.version,
      );
      if (stored) this.setCheckpoint(stored);
    } catch {
      // Status keeps the last known checkpoint; the lag refresh already logged the database trouble, if any.
    }
  }

  status(): ProjectionStatus {
    const checkpoint = this.checkpoint?.position ?? START_POSITION;
    const { head, first } = this.settings.heads();
    const live = this.state === 'live' || (this.state === 'standby' && this.checkpoint?.caughtUp === true);
    const lastApplied =
      this.lastAppliedCreated ??
      this.checkpoint?.lastEventCreated ??
      (checkpoint === START_POSITION && head ? first?.created : undefined);
    const lagEvents = estimateLagEvents(checkpoint, head);
    // Nothing pending (or no head read yet): no lag in seconds either.
    const lagSeconds = lagEvents > 0 ? lagSecondsOf(live, lastApplied, this.settings.clock.now()) : 0;
    return {
      name: this.projection.name,
      version: this.projection.version,
      status: this.state,
      checkpoint: toJsonPosition(checkpoint),
      lagEvents,
      lagSeconds,
      eventsApplied: this.checkpoint?.eventsApplied ?? 0,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
    };
  }

  async waitFor(position: Position, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.reached(position)) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      // Woken by a local commit, or after a short poll: another instance may be the one moving the checkpoint.
      await this.nextCheckpoint(Math.min(left, this.settings.checkpointPollMs));
      if (!this.reached(position) && (await this.storedCheckpointReached(position))) return true;
    }
  }

  private async storedCheckpointReached(position: Position): Promise<boolean> {
    if (this.state === 'standby' || this.state === 'starting') {
      await this.refreshFromDatabase();
      return this.reached(position);
    }
    try {
      const stored = await readCheckpoint(
        this.settings.dataSource.manager,
        this.projection.name,
        this.projection.version,
      );
      return stored !== undefined && compareCheckpoints(stored.position, position) >= 0;
    } catch {
      return false;
    }
  }

  private reached(position: Position): boolean {
    return this.checkpoint !== undefined && compareCheckpoints(this.checkpoint.position, position) >= 0;
  }

  private nextCheckpoint(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        resolve: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.resolve, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private async run(): Promise<void> {
    const { locks, logger } = this.settings;
    while (!this.stopping) {
      let owner: boolean;
      try {
        owner = await locks.tryAcquire(this.projection.name);
      } catch (error) {
        await this.failed('could not take its lock', error);
        continue;
      }
      if (!owner) {
        if (this.state !== 'standby') logger.log(`Projection ${this.label()}: standby (another instance runs it)`);
        this.setState('standby');
        await this.refreshFromDatabase();
        await sleep(this.settings.lockRetryMs, this.stopController.signal);
        continue;
      }
      try {
        const claim = await claimCheckpoint(this.settings.dataSource, this.projection);
        if (claim.kind === 'superseded') {
          this.lastError = `version ${claim.newerVersion} of this projection owns the read model`;
          logger.warn(`Projection ${this.label()}: standby, ${this.lastError}`);
          await locks.release(this.projection.name);
          this.setState('standby');
          await sleep(this.settings.lockRetryMs, this.stopController.signal);
          continue;
        }
        if (claim.created) logger.log(`Projection ${this.label()}: new checkpoint; building from the start`);
        this.setCheckpoint(claim.checkpoint);
        await this.consume();
      } catch (error) {
        await this.failed(error instanceof SubscriptionFailed ? 'subscription dropped' : 'failed', error);
      }
    }
    await locks.release(this.projection.name);
    this.setState('stopped');
    logger.log(`Projection ${this.label()}: stopped at ${formatPosition(this.checkpoint?.position ?? START_POSITION)}`);
  }

  /** Applies batches until stopped, interrupted (lock lost, reset) or the checkpoint moved under it. */
  private async consume(): Promise<void> {
    if (this.stopping) return;
    const interruption = new AbortController();
    this.interruption = interruption;
    const from = this.checkpoint?.position ?? START_POSITION;
    const subscription = this.settings.eventStore.subscribeToAll({
      fromPosition: from,
      ...(this.projection.filter ? { filter: this.projection.filter } : {}),
    });
    const batcher = new SubscriptionBatcher(subscription);
    this.live = false;
    this.setState(this.failures > 0 ? 'failing' : 'catching_up');
    try {
      while (!this.stopping && !interruption.signal.aborted) {
        const maxEvents = this.isolate ? 1 : this.settings.batchSize;
        let batch: SubscriptionBatch | undefined;
        try {
          batch = await batcher.next({ maxEvents, maxMessages: maxEvents * 8 }, interruption.signal);
        } catch (error) {
          throw new SubscriptionFailed(error);
        }
        if (!batch) {
          if (interruption.signal.aborted || this.stopping) return;
          throw new SubscriptionFailed(new Error('subscription ended without being closed'));
        }
        // The lock went while the batch was read: another replica may run the projection now.
        if (!this.settings.locks.holds(this.projection.name)) return;
        if (!(await this.commit(batch))) {
          this.settings.logger.log(
            `Projection ${this.label()}: checkpoint moved by another writer; resubscribing from the stored checkpoint`,
          );
          return;
        }
      }
    } finally {
      if (this.interruption === interruption) this.interruption = undefined;
      await subscription.close().catch(() => undefined);
    }
  }

  /** One transaction: checkpoint compare-and-set, then the handler. `false` when the checkpoint had moved. */
  private async commit(batch: SubscriptionBatch): Promise<boolean> {
    const previous = this.checkpoint;
    if (!previous) throw new Error('commit without a checkpoint');
    const events = batch.events.filter((event) => compareCheckpoints(event.position, previous.position) > 0);
    const position: CheckpointPosition =
      batch.position && compareCheckpoints(batch.position, previous.position) > 0 ? batch.position : previous.position;
    if (batch.live !== undefined) this.live = batch.live;
    const caughtUp = this.live;
    const nothingToWrite =
      events.length === 0 && compareCheckpoints(position, previous.position) === 0 && caughtUp === previous.caughtUp;

    let next: StoredCheckpoint | undefined = previous;
    if (!nothingToWrite) {
      const last: RecordedEvent | undefined = events[events.length - 1];
      try {
        next = await this.settings.dataSource.transaction(async (tx) => {
          // The checkpoint first: its row lock orders this batch with a concurrent reset, and a lost race skips the
          // handler's work entirely.
          const advanced = await compareAndSetCheckpoint(tx, previous, {
            position,
            caughtUp,
            applied: events.length,
            ...(last ? { lastEventCreated: last.created } : {}),
          });
          if (advanced && events.length > 0) await this.projection.handle(events, tx);
          return advanced;
        });
      } catch (error) {
        if (error instanceof ProjectionEventFailed) throw error;
        const [only] = events;
        throw events.length === 1 && only
          ? new ProjectionEventFailed(this.projection.name, only, error)
          : new ProjectionBatchFailed(this.projection.name, events, error);
      }
      if (!next) return false;
      if (last) this.lastAppliedCreated = last.created;
    }
    this.failures = 0;
    this.isolate = false;
    this.lastError = undefined;
    this.setCheckpoint(next);
    this.setState(this.live ? 'live' : 'catching_up');
    return true;
  }

  private async failed(what: string, error: unknown): Promise<void> {
    if (this.stopping) return;
    this.failures += 1;
    if (error instanceof ProjectionEventFailed || error instanceof ProjectionBatchFailed) this.isolate = true;
    const cause = error instanceof SubscriptionFailed ? error.cause : error;
    this.lastError = describeError(cause);
    const delay = backoffDelay(this.failures, this.settings.backoff);
    this.settings.logger.error(
      `Projection ${this.label()}: ${what} (attempt ${this.failures}, retrying in ${delay} ms): ${this.lastError}`,
    );
    this.setState('failing', true);
    await sleep(delay, this.stopController.signal);
  }

  private setCheckpoint(checkpoint: StoredCheckpoint): void {
    this.checkpoint = checkpoint;
    for (const waiter of [...this.waiters]) waiter.resolve();
  }

  private setState(state: ProjectionState, force = false): void {
    const changed = state !== this.state;
    this.state = state;
    if (changed || force || state === 'live' || state === 'catching_up') this.settings.emit(this.status());
  }

  private label(): string {
    return `${this.projection.name} v${this.projection.version}`;
  }
}

/** The subscription threw (store unavailable, dropped): resubscribe from the stored checkpoint with back-off. */
class SubscriptionFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('subscription failed', { cause });
    this.name = 'SubscriptionFailed';
  }
}
