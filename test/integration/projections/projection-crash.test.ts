import { resolve } from 'node:path';
import { PostgresEventStore } from '../../../src/shared/event-store/postgres';
import { ProjectionRunner, readCheckpoint, rebuildProjection } from '../../../src/shared/projections';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../support/database';
import {
  appendCases,
  captureLogger,
  caseTimelineProjection,
  eventTypeCountsProjection,
  eventually,
  expectedReadModels,
  expectReadModelsAtCheckpoints,
  projectionTestEntities,
  projectionTestMigrations,
  readCounts,
  readTimeline,
  waitForAppended,
} from '../../support/projections';
import { exited, nextMessage, spawnTypeScriptChild } from '../../support/projections-child-process';
import { isInsideTransaction } from '../../support/projections-crash-child';

const CHILD = resolve(__dirname, '../../support/projections-crash-child.ts');
const BATCH_SIZE = 10;
const CRASH_AT_BATCH = 4;

describe.each(testDatabaseKinds())('a runner killed inside a batch on %s', (kind) => {
  let db: TestDatabase;
  let eventStore: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase({ kind, migrations: projectionTestMigrations, entities: projectionTestEntities });
    eventStore = new PostgresEventStore(db.pool, { minPollIntervalMs: 5, maxPollIntervalMs: 40 });
  });

  afterAll(async () => {
    await eventStore?.close();
    await db?.dispose();
  });

  it('loses nothing and doubles nothing after a restart: the read models equal a clean rebuild', async () => {
    await appendCases(eventStore, 20); // 100 events, 80 of them case events

    const child = spawnTypeScriptChild(CHILD, {
      CRASH_DATABASE_URL: db.url,
      CRASH_AT_BATCH: String(CRASH_AT_BATCH),
      CRASH_BATCH_SIZE: String(BATCH_SIZE),
    });
    try {
      const inside = await nextMessage(child, isInsideTransaction, 30_000);
      expect(inside.eventIds.length).toBeGreaterThan(0);
      if (kind === 'postgres') {
        // The child's batch transaction stays open while it waits to be killed.
        await eventually(
          'the child to wait inside its transaction',
          () =>
            db.dataSource.query<{ state: string }[]>(
              `SELECT state FROM pg_stat_activity
                WHERE application_name = 'onthaal-crash-child' AND backend_xid IS NOT NULL AND datname = current_database()`,
            ),
          (sessions) => sessions.some((session) => session.state === 'idle in transaction'),
        );
        // The batch in flight is invisible to others: only committed batches count.
        const committed = await readCheckpoint(db.dataSource.manager, inside.projection, 1);
        expect(committed!.eventsApplied).toBeLessThan(100);
        const counted = await readTimeline(db.dataSource);
        const inFlight = new Set(inside.eventIds);
        if (inside.projection === 'case-timeline') {
          expect(counted.flatMap((row) => row.eventIds).some((id) => inFlight.has(id))).toBe(false);
        }
      }
      child.kill('SIGKILL');
      expect((await exited(child)).signal).toBe('SIGKILL');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }

    // More events while no runner runs, then a restart with the same code.
    const appended = await appendCases(eventStore, 5);
    const timeline = caseTimelineProjection();
    const counts = eventTypeCountsProjection();
    const restarted = new ProjectionRunner({
      eventStore,
      dataSource: db.dataSource,
      projections: [counts, timeline],
      logger: captureLogger(),
      batchSize: BATCH_SIZE,
      lockRetryMs: 100,
      lagRefreshMs: 0,
    });
    restarted.start();
    try {
      await waitForAppended(restarted, appended); // nothing lost
    } finally {
      await restarted.stop();
    }
    // Nothing doubled either: each read model is exactly the fold of the events up to its checkpoint.
    const covered = await expectReadModelsAtCheckpoints(db.dataSource, eventStore);
    expect(covered.counted).toBe((await expectedReadModels(eventStore)).events);
    const afterRestart = { timeline: await readTimeline(db.dataSource), counts: await readCounts(db.dataSource) };

    const options = { eventStore, dataSource: db.dataSource, logger: captureLogger(), pollMs: 50, lockRetryMs: 100 };
    await rebuildProjection(timeline, options);
    await rebuildProjection(counts, options);
    expect(await readTimeline(db.dataSource)).toEqual(afterRestart.timeline);
    expect(await readCounts(db.dataSource)).toEqual(afterRestart.counts);
  });
});
