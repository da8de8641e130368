import { PostgresEventStore } from '../../../src/shared/event-store/postgres';
import {
  ProjectionRunner,
  type ProjectionHandler,
  type ProjectionState,
  type ProjectionStatus,
} from '../../../src/shared/projections';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../support/database';
import {
  appendCases,
  captureLogger,
  caseTimelineProjection,
  eventTypeCountsProjection,
  eventually,
  expectReadModelsAtCheckpoints,
  projectionTestEntities,
  projectionTestMigrations,
  waitForAppended,
} from '../../support/projections';

describe.each(testDatabaseKinds())('two runner instances on %s', (kind) => {
  let db: TestDatabase;
  let eventStore: PostgresEventStore;
  const runners: ProjectionRunner[] = [];

  function replica(onStatus?: (status: ProjectionStatus) => void): ProjectionRunner {
    const projections: ProjectionHandler[] = [eventTypeCountsProjection(), caseTimelineProjection()];
    const runner = new ProjectionRunner({
      eventStore,
      dataSource: db.dataSource,
      projections,
      logger: captureLogger(),
      batchSize: 5,
      lockRetryMs: 100,
      lagRefreshMs: 0,
      ...(onStatus ? { onStatus } : {}),
    });
    runners.push(runner);
    return runner;
  }

  const allIn = (runner: ProjectionRunner, state: ProjectionState) => () =>
    runner.status().every((status) => status.status === state);

  beforeAll(async () => {
    db = await createTestDatabase({ kind, migrations: projectionTestMigrations, entities: projectionTestEntities });
    eventStore = new PostgresEventStore(db.pool, { minPollIntervalMs: 5, maxPollIntervalMs: 40 });
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await db.dataSource.query('DELETE FROM projection_checkpoints');
    await db.dataSource.query('DELETE FROM test_case_timeline');
    await db.dataSource.query('DELETE FROM test_event_type_counts');
  });

  afterAll(async () => {
    await eventStore?.close();
    await db?.dispose();
  });

  if (kind === 'postgres') {
    it('exactly one instance runs each projection; the other stands by and takes over when it stops', async () => {
      const initial = await appendCases(eventStore, 5);
      const first = replica();
      first.start();
      await waitForAppended(first, initial);

      const secondStates: ProjectionState[] = [];
      const second = replica((status) => secondStates.push(status.status));
      second.start();
      await eventually('the second instance on standby', allIn(second, 'standby'), (standby) => standby);

      const appended = await appendCases(eventStore, 5);
      await waitForAppended(first, appended);
      // A standby follows the stored checkpoint, so read-your-writes works on every replica.
      await waitForAppended(second, appended);
      await expectReadModelsAtCheckpoints(db.dataSource, eventStore);
      // The lag refresh reports every worker's status on a timer, so a worker whose first lock attempt is still
      // pending reports 'starting' (one CI run); what matters is that it never ran the projection.
      expect(new Set(secondStates.filter((state) => state !== 'starting'))).toEqual(new Set(['standby']));
      const locks = await db.dataSource.query<{ held: number; sessions: number }[]>(
        `SELECT count(*)::int AS held, count(DISTINCT pid)::int AS sessions
           FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND granted`,
      );
      expect(locks[0]).toEqual({ held: 2, sessions: 1 });

      await first.stop();
      await eventually('the second instance to take over', allIn(second, 'live'), (live) => live);
      await waitForAppended(second, await appendCases(eventStore, 3));
      await expectReadModelsAtCheckpoints(db.dataSource, eventStore);
    });

    it('when the owner loses its lock connection, the projections are run again and stay exact', async () => {
      const initial = await appendCases(eventStore, 4);
      const first = replica();
      first.start();
      await waitForAppended(first, initial);
      const second = replica();
      second.start();
      await eventually('the second instance on standby', allIn(second, 'standby'), (standby) => standby);

      // Kill the owner's lock session: its locks go with it, and either instance may take them.
      await db.dataSource.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND granted`,
      );
      const appended = await appendCases(eventStore, 4);
      await eventually(
        'both locks held again',
        () =>
          db.dataSource.query<{ held: number }[]>(
            `SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND granted`,
          ),
        (rows) => rows[0]?.held === 2,
      );
      // Whichever instance owns each projection now, both see its stored checkpoint reach the new events.
      await waitForAppended(first, appended);
      await waitForAppended(second, appended);
      await expectReadModelsAtCheckpoints(db.dataSource, eventStore);
    });
  } else {
    it('on PGlite (one session, so both hold the lock) both run; the checkpoint compare-and-set keeps them exact', async () => {
      await appendCases(eventStore, 3);
      const first = replica();
      const second = replica();
      first.start();
      second.start();
      // Both apply concurrently with new appends; a doubled batch would show in the counts.
      await appendCases(eventStore, 6);
      await eventually(
        'both instances live',
        () => allIn(first, 'live')() && allIn(second, 'live')(),
        (live) => live,
      );
      const appended = await appendCases(eventStore, 2);
      await waitForAppended(first, appended);
      await waitForAppended(second, appended);
      await expectReadModelsAtCheckpoints(db.dataSource, eventStore);
    });
  }
});
