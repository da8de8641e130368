import { randomUUID } from 'node:crypto';
import {
  EventStoreUnavailable,
  type EventStore,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
  type SubscriptionMessage,
} from '../../../src/shared/event-store';
import { PostgresEventStore } from '../../../src/shared/event-store/postgres';
import {
  ProjectionRunner,
  readCheckpoint,
  UnknownProjection,
  type ProjectionHandler,
  type ProjectionRunnerOptions,
  type ProjectionStatus,
} from '../../../src/shared/projections';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../support/database';
import {
  appendCases,
  captureLogger,
  caseTimelineProjection,
  eventTypeCountsProjection,
  eventually,
  expectedReadModels,
  expectReadModelsAtCheckpoints,
  PERSONAL_DATA_MARKER,
  projectionTestEntities,
  projectionTestMigrations,
  readCounts,
  readTimeline,
  waitForAppended,
} from '../../support/projections';

const FAST = { lockRetryMs: 100, lagRefreshMs: 0, backoff: { initialMs: 20, maxMs: 100 } } as const;

describe.each(testDatabaseKinds())('projection runner on %s', (kind) => {
  let db: TestDatabase;
  let eventStore: PostgresEventStore;
  const runners: ProjectionRunner[] = [];

  function runner(projections: ProjectionHandler[], options: Partial<ProjectionRunnerOptions> = {}) {
    const created = new ProjectionRunner({
      eventStore,
      dataSource: db.dataSource,
      logger: captureLogger(),
      projections,
      ...FAST,
      ...options,
    });
    runners.push(created);
    return created;
  }

  beforeAll(async () => {
    db = await createTestDatabase({ kind, migrations: projectionTestMigrations, entities: projectionTestEntities });
    eventStore = new PostgresEventStore(db.pool, { minPollIntervalMs: 5, maxPollIntervalMs: 40 });
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((each) => each.stop()));
    await db.dataSource.query('DELETE FROM projection_checkpoints');
    await db.dataSource.query('DELETE FROM test_case_timeline');
    await db.dataSource.query('DELETE FROM test_event_type_counts');
  });

  afterAll(async () => {
    await eventStore?.close();
    await db?.dispose();
  });

  it('applies batches and commits each with its checkpoint, in one transaction', async () => {
    const appended = await appendCases(eventStore, 12);
    const batches: { size: number; checkpointInsideTransaction: bigint; lastPrepare: bigint }[] = [];
    const counts = eventTypeCountsProjection(1, {
      async insideTransaction(events, tx) {
        // Visible here, uncommitted: the checkpoint already moved in this very transaction.
        const [row] = await tx.query<{ prepare_position: string }[]>(
          `SELECT prepare_position FROM projection_checkpoints WHERE name = 'event-type-counts'`,
        );
        batches.push({
          size: events.length,
          checkpointInsideTransaction: BigInt(row!.prepare_position),
          lastPrepare: events[events.length - 1]!.position.prepare,
        });
      },
    });
    const running = runner([counts, caseTimelineProjection()], { batchSize: 7 });
    running.start();
    await waitForAppended(running, appended);

    const covered = await expectReadModelsAtCheckpoints(db.dataSource, eventStore);
    expect(covered.counted).toBeGreaterThanOrEqual(60);
    expect(batches.length).toBeGreaterThanOrEqual(Math.ceil(covered.counted / 7));
    expect(Math.max(...batches.map((batch) => batch.size))).toBeLessThanOrEqual(7);
    for (const batch of batches) expect(batch.checkpointInsideTransaction).toBe(batch.lastPrepare);
    expect((await readCheckpoint(db.dataSource.manager, 'event-type-counts', 1))!.eventsApplied).toBe(covered.counted);
    expect((await readCheckpoint(db.dataSource.manager, 'case-timeline', 1))!.eventsApplied).toBe(covered.caseEvents);
  });

  it('rolls back the batch and keeps the checkpoint when the handler fails, names the event, then recovers', async () => {
    await appendCases(eventStore, 3);
    const poison = randomUUID();
    await eventStore.appendToStream(
      `case-${randomUUID()}`,
      [{ id: poison, type: 'CaseOpened', data: { client: PERSONAL_DATA_MARKER, poison: true } }],
      { expectedRevision: 'no_stream' },
    );
    const appended = await appendCases(eventStore, 2);
    let broken = true;
    const counts = eventTypeCountsProjection(1, {
      insideTransaction: (events) => {
        if (broken && events.some((event) => event.id === poison)) {
          return Promise.reject(new Error('the read model refused the event'));
        }
        return Promise.resolve();
      },
    });
    const logger = captureLogger();
    const seen: ProjectionStatus[] = [];
    const running = runner([counts], { logger, onStatus: (status) => seen.push(status), batchSize: 50 });
    running.start();

    const failing = await eventually(
      'the poison event to be isolated',
      () => running.statusOf('event-type-counts'),
      (status) => status.status === 'failing' && (status.lastError ?? '').includes(poison),
    );
    expect(failing.lastError).toContain('CaseOpened');
    expect(failing.lastError).not.toContain(PERSONAL_DATA_MARKER);
    // Batches of one after the failure: every event before the poison is applied, the poison one is not.
    const stored = await readCheckpoint(db.dataSource.manager, 'event-type-counts', 1);
    const [poisonEvent] = (await eventStore.readAll({ maxCount: 1000 })).filter((event) => event.id === poison);
    expect(stored!.position).not.toBe('start');
    expect((stored!.position as RecordedEvent['position']).prepare).toBeLessThan(poisonEvent!.position.prepare);
    const covered = await expectReadModelsAtCheckpoints(db.dataSource, eventStore);
    expect(covered.counted).toBe(stored!.eventsApplied);

    broken = false;
    await waitForAppended(running, appended);
    await expectReadModelsAtCheckpoints(db.dataSource, eventStore);
    expect(running.statusOf('event-type-counts').lastError).toBeUndefined();
    expect(seen.some((status) => status.status === 'failing')).toBe(true);
    expect(logger.lines.some((line) => line.startsWith('error') && line.includes(poison))).toBe(true);
    expect(logger.lines.join('\n')).not.toContain(PERSONAL_DATA_MARKER);
  });

  it('re-applying events to a row projection is a no-op', async () => {
    const appended = await appendCases(eventStore, 5);
    const running = runner([caseTimelineProjection()]);
    running.start();
    await waitForAppended(running, appended);
    const firstPass = (await readCheckpoint(db.dataSource.manager, 'case-timeline', 1))!.eventsApplied;
    const before = await readTimeline(db.dataSource);

    // Move the checkpoint back without clearing the rows: every event is delivered again.
    await db.dataSource.query(
      `UPDATE projection_checkpoints SET commit_position = NULL, prepare_position = NULL, caught_up = false,
         generation = generation + 1 WHERE name = 'case-timeline'`,
    );
    await eventually(
      'the replay',
      () => readCheckpoint(db.dataSource.manager, 'case-timeline', 1),
      (stored) => stored !== undefined && stored.eventsApplied === 2 * firstPass,
    );
    expect(await readTimeline(db.dataSource)).toEqual(before);
    await expectReadModelsAtCheckpoints(db.dataSource, eventStore);
  });

  it('delivers only the filtered types and moves a filtered checkpoint through other events', async () => {
    const appended = await appendCases(eventStore, 2);
    const received: string[] = [];
    const notesOnly: ProjectionHandler = {
      name: 'notes-only',
      version: 1,
      filter: { on: 'eventType', prefixes: ['NoteAdded'] },
      handle: (events) => {
        received.push(...events.map((event) => event.type));
        return Promise.resolve();
      },
      reset: () => Promise.resolve(),
    };
    const running = runner([notesOnly]);
    running.start();
    expect(await running.waitFor('notes-only', appended.lastNotePosition, 60_000)).toBe(true);
    const afterNotes = await readCheckpoint(db.dataSource.manager, 'notes-only', 1);

    // 100 events the filter rejects: the checkpoint still advances, on the subscription's checkpoint signals.
    const stream = `referral-${randomUUID()}`;
    let expectedRevision: 'no_stream' | bigint = 'no_stream';
    for (let index = 0; index < 4; index += 1) {
      const events = Array.from({ length: 25 }, () => ({ id: randomUUID(), type: 'ReferralSent', data: {} }));
      expectedRevision = (await eventStore.appendToStream(stream, events, { expectedRevision })).nextExpectedRevision;
    }
    const moved = await eventually(
      'the filtered checkpoint to pass the other events',
      () => readCheckpoint(db.dataSource.manager, 'notes-only', 1),
      (stored) =>
        stored !== undefined &&
        stored.position !== 'start' &&
        afterNotes!.position !== 'start' &&
        stored.position.prepare >= afterNotes!.position.prepare + 64n,
    );
    const notesUpToCheckpoint = (await expectedReadModels(eventStore, moved!.position)).counts.NoteAdded;
    expect(new Set(received)).toEqual(new Set(['NoteAdded']));
    expect(received).toHaveLength(notesUpToCheckpoint!);
    expect(moved!.eventsApplied).toBe(notesUpToCheckpoint);
  });

  it('reports lag in events and seconds, from the stored checkpoint before it runs', async () => {
    const appended = await appendCases(eventStore, 2);
    const first = runner([eventTypeCountsProjection()]);
    first.start();
    await waitForAppended(first, appended);
    await first.refreshLag();
    expect(first.statusOf('event-type-counts')).toMatchObject({ lagEvents: 0, lagSeconds: 0 });
    await first.stop();

    const stream = `referral-${randomUUID()}`;
    await eventStore.appendToStream(
      stream,
      Array.from({ length: 10 }, () => ({ id: randomUUID(), type: 'ReferralSent', data: {} })),
      { expectedRevision: 'no_stream' },
    );
    const stored = await readCheckpoint(db.dataSource.manager, 'event-type-counts', 1);
    const later = new Date(stored!.lastEventCreated!.getTime() + 42_000);
    const observed: ProjectionStatus[] = [];
    const second = runner([eventTypeCountsProjection()], {
      clock: { now: () => later },
      onStatus: (status) => observed.push(status),
    });
    // Not started: the checkpoint and the head come from the database. (The head can lag behind the append while a
    // transaction elsewhere on the server holds back what readers may see; then fewer events show as pending.)
    await eventually(
      'the new events to be visible',
      async () => {
        await second.refreshLag();
        return second.statusOf('event-type-counts');
      },
      (status) => status.lagEvents === 10,
    );
    const lag = second.statusOf('event-type-counts');
    expect(lag.status).toBe('starting');
    expect(lag.lagSeconds).toBe(42);
    expect(observed.at(-1)).toEqual(lag);
    expect(JSON.parse(JSON.stringify(second.status()))).toEqual(second.status());
  });

  it('waits for a position, on the instance that runs the projection', async () => {
    const running = runner([caseTimelineProjection()]);
    running.start();
    const { lastPosition, lastCasePosition } = await appendCases(eventStore, 1);
    expect(await running.waitFor('case-timeline', lastCasePosition, 60_000)).toBe(true);
    const [lastCaseEvent] = await eventStore.readAll({ fromPosition: lastCasePosition, maxCount: 1 });
    const rows = await readTimeline(db.dataSource);
    expect(rows.some((row) => row.eventIds.includes(lastCaseEvent!.id))).toBe(true);
    const beyond = { commit: lastPosition.commit + 1_000_000n, prepare: 0n };
    expect(await running.waitFor('case-timeline', beyond, 200)).toBe(false);
    await expect(running.waitFor('nope', lastPosition, 10)).rejects.toBeInstanceOf(UnknownProjection);
  });

  it('resubscribes from the stored checkpoint when the subscription fails', async () => {
    const appended = await appendCases(eventStore, 6);
    const flaky = new FlakyEventStore(eventStore, 2);
    const seen: ProjectionStatus[] = [];
    const running = runner([eventTypeCountsProjection()], {
      eventStore: flaky,
      batchSize: 5,
      onStatus: (status) => seen.push(status),
    });
    running.start();
    await waitForAppended(running, appended);
    expect(flaky.failures).toBe(2);
    expect(seen.some((status) => status.status === 'failing' && /unavailable/i.test(status.lastError ?? ''))).toBe(
      true,
    );
    await expectReadModelsAtCheckpoints(db.dataSource, eventStore);
  });

  it('stops gracefully: the batch in flight commits, then the lock is released', async () => {
    await appendCases(eventStore, 4);
    let stopping: Promise<void> | undefined;
    let stopRequested = false;
    const holder: { running?: ProjectionRunner } = {};
    const counts = eventTypeCountsProjection(1, {
      async insideTransaction() {
        // Stop while this batch is inside its transaction; the batch must still commit.
        stopping ??= holder.running!.stop();
        stopRequested = true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      },
    });
    const running = runner([counts], { batchSize: 3 });
    holder.running = running;
    running.start();
    await eventually(
      'stop to be requested',
      () => stopRequested,
      (requested) => requested,
    );
    await stopping;
    expect(running.statusOf('event-type-counts').status).toBe('stopped');
    const stored = await readCheckpoint(db.dataSource.manager, 'event-type-counts', 1);
    expect(stored!.eventsApplied).toBe(3);
    const counted = Object.values(await readCounts(db.dataSource)).reduce((sum, n) => sum + n, 0);
    expect(counted).toBe(3);
    if (kind === 'postgres') {
      const [row] = await db.dataSource.query<{ held: number }[]>(
        `SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      expect(row!.held).toBe(0);
    }
  });
});

/** Delegates to a real store; its first `failures` subscriptions throw after a few messages, as a dropped link. */
class FlakyEventStore implements EventStore {
  failures = 0;

  constructor(
    private readonly inner: EventStore,
    private readonly failuresToCause: number,
  ) {}

  subscribeToAll(options?: SubscribeToAllOptions): Subscription {
    const subscription = this.inner.subscribeToAll(options);
    if (this.failures >= this.failuresToCause) return subscription;
    this.failures += 1;
    return {
      close: () => subscription.close(),
      async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
        let delivered = 0;
        for await (const message of subscription) {
          yield message;
          delivered += 1;
          if (delivered === 7) throw new EventStoreUnavailable('connection reset');
        }
      },
    };
  }

  appendToStream: EventStore['appendToStream'] = (...args) => this.inner.appendToStream(...args);
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  ping: EventStore['ping'] = () => this.inner.ping();
  close: EventStore['close'] = () => this.inner.close();
}
