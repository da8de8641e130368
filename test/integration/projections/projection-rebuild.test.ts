import { PassThrough } from 'node:stream';
import { runProjectionsRebuild, EXIT_OK, EXIT_USAGE } from '../../../src/cli/projections-rebuild';
import { PostgresEventStore } from '../../../src/shared/event-store/postgres';
import {
  ProjectionRunner,
  readCheckpoint,
  rebuildProjection,
  type ProjectionHandler,
  type RebuildProgress,
} from '../../../src/shared/projections';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../support/database';
import {
  appendCases,
  captureLogger,
  caseTimelineProjection,
  eventTypeCountsProjection,
  eventually,
  expectedReadModels,
  projectionTestEntities,
  projectionTestMigrations,
  readCounts,
  readTimeline,
  waitUntilVisible,
} from '../../support/projections';

describe.each(testDatabaseKinds())('projection rebuild on %s', (kind) => {
  let db: TestDatabase;
  let eventStore: PostgresEventStore;
  const runners: ProjectionRunner[] = [];

  function runner(projections: ProjectionHandler[]): ProjectionRunner {
    const created = new ProjectionRunner({
      eventStore,
      dataSource: db.dataSource,
      projections,
      logger: captureLogger(),
      batchSize: 20,
      lockRetryMs: 100,
      lagRefreshMs: 0,
    });
    runners.push(created);
    return created;
  }

  const rebuildOptions = () => ({
    eventStore,
    dataSource: db.dataSource,
    logger: captureLogger(),
    pollMs: 20,
    lockRetryMs: 100,
    batchSize: 20,
  });

  async function runUntilLive(projections: ProjectionHandler[]): Promise<ProjectionRunner> {
    const running = runner(projections);
    running.start();
    await eventually(
      'live',
      () => running.status(),
      (all) => all.every((status) => status.status === 'live'),
    );
    return running;
  }

  /** Damage the read models so that only a real rebuild can make them right again. */
  async function corruptReadModels(): Promise<void> {
    await db.dataSource.query('UPDATE test_event_type_counts SET events = events + 1000');
    await db.dataSource.query(`UPDATE test_case_timeline SET note_count = -1, event_ids = '[]'::jsonb`);
  }

  beforeAll(async () => {
    db = await createTestDatabase({ kind, migrations: projectionTestMigrations, entities: projectionTestEntities });
    eventStore = new PostgresEventStore(db.pool, { minPollIntervalMs: 5, maxPollIntervalMs: 40 });
    await waitUntilVisible(eventStore, (await appendCases(eventStore, 20)).lastPosition);
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

  it('with no instance running, the rebuilding process replays the projection itself, in batches', async () => {
    const first = await runUntilLive([caseTimelineProjection()]);
    await first.stop();
    await corruptReadModels();

    const progress: RebuildProgress[] = [];
    const summary = await rebuildProjection(caseTimelineProjection(), {
      ...rebuildOptions(),
      onProgress: (step) => progress.push(step),
    });

    const expected = await expectedReadModels(eventStore);
    const caseEvents = expected.timeline.reduce((sum, row) => sum + row.eventIds.length, 0);
    expect(summary).toMatchObject({
      name: 'case-timeline',
      version: 1,
      runBy: 'this process',
      eventsApplied: caseEvents,
    });
    expect(await readTimeline(db.dataSource)).toEqual(expected.timeline);
    expect(progress.at(-1)!.fraction).toBe(1);
    const fractions = progress.map((step) => step.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    const stored = await readCheckpoint(db.dataSource.manager, 'case-timeline', 1);
    expect(stored).toMatchObject({ caughtUp: true, eventsApplied: caseEvents, generation: 1 });
  });

  it('with an instance running, the reset makes that instance replay it', async () => {
    const running = await runUntilLive([eventTypeCountsProjection()]);
    await corruptReadModels();

    const summary = await rebuildProjection(eventTypeCountsProjection(), rebuildOptions());

    const expected = await expectedReadModels(eventStore);
    expect(await readCounts(db.dataSource)).toEqual(expected.counts);
    expect(summary.eventsApplied).toBe(expected.events);
    if (kind === 'postgres') {
      // The running instance holds the lock: it noticed the reset and replayed the projection.
      expect(summary.runBy).toBe('another instance');
    }
    // The running instance is live again on the rebuilt read model, and keeps applying new events.
    await eventually(
      'live',
      () => running.statusOf('event-type-counts').status,
      (status) => status === 'live',
    );
    const { lastPosition } = await appendCases(eventStore, 2);
    expect(await running.waitFor('event-type-counts', lastPosition, 10_000)).toBe(true);
    expect(await readCounts(db.dataSource)).toEqual((await expectedReadModels(eventStore)).counts);
  });

  it('rebuild() on a running runner resets and replays the projection in the background', async () => {
    const running = await runUntilLive([eventTypeCountsProjection()]);
    await corruptReadModels();
    await running.rebuild('event-type-counts');
    await eventually(
      'the replay',
      () => readCheckpoint(db.dataSource.manager, 'event-type-counts', 1),
      (stored) => stored?.generation === 1 && stored.caughtUp,
    );
    expect(await readCounts(db.dataSource)).toEqual((await expectedReadModels(eventStore)).counts);
  });

  it('a new version clears the old rows and rebuilds from the start; the old version stands by', async () => {
    const v1 = await runUntilLive([caseTimelineProjection(1)]);
    await v1.stop();
    // A row that only version 1 produced: version 2 must not keep it.
    await db.dataSource.query(`INSERT INTO test_case_timeline VALUES ('left-by-v1', 0, '[]'::jsonb, false, 1, 1)`);

    const v2 = await runUntilLive([caseTimelineProjection(2)]);
    const expected = await expectedReadModels(eventStore);
    expect(await readTimeline(db.dataSource)).toEqual(expected.timeline);
    expect(v2.statusOf('case-timeline').eventsApplied).toBe(
      expected.timeline.reduce((sum, row) => sum + row.eventIds.length, 0),
    );
    const versions = await db.dataSource.query<{ version: number }[]>(
      `SELECT version FROM projection_checkpoints WHERE name = 'case-timeline'`,
    );
    expect(versions).toEqual([{ version: 2 }]);

    // Old code (a replica not yet upgraded) must not touch the new version's read model.
    await v2.stop();
    const old = runner([caseTimelineProjection(1)]);
    old.start();
    const status = await eventually(
      'the old version to stand by',
      () => old.statusOf('case-timeline'),
      (current) => current.status === 'standby' && current.lastError !== undefined,
    );
    expect(status.lastError).toContain('version 2');
    expect(await readTimeline(db.dataSource)).toEqual(expected.timeline);
  });

  it('the CLI rebuilds a projection by name, printing progress and a summary', async () => {
    await runUntilLive([caseTimelineProjection()]).then((running) => running.stop());
    const stdout = collect();
    const stderr = collect();
    const context = {
      eventStore,
      dataSource: db.dataSource,
      projections: [caseTimelineProjection(), eventTypeCountsProjection()],
    };
    const code = await runProjectionsRebuild(
      'case-timeline',
      context,
      { stdout: stdout.stream, stderr: stderr.stream },
      {
        pollMs: 20,
        lockRetryMs: 100,
      },
    );
    expect(code).toBe(EXIT_OK);
    expect(stdout.text()).toContain('Rebuilding case-timeline v1 from the start');
    expect(stdout.text()).toContain('case-timeline v1: 100%');
    expect(stdout.text()).toMatch(/Rebuilt case-timeline v1: \d+ events applied in [\d.]+ s, run by this process/);
    expect(await readTimeline(db.dataSource)).toEqual((await expectedReadModels(eventStore)).timeline);
  });

  it('the CLI refuses an unknown name with exit code 2 and lists the known projections', async () => {
    const stdout = collect();
    const stderr = collect();
    const context = {
      eventStore,
      dataSource: db.dataSource,
      projections: [caseTimelineProjection(), eventTypeCountsProjection()],
    };
    expect(await runProjectionsRebuild('caseload', context, { stdout: stdout.stream, stderr: stderr.stream })).toBe(
      EXIT_USAGE,
    );
    expect(stderr.text()).toContain('Unknown projection "caseload"');
    expect(stderr.text()).toContain('case-timeline (v1)');
    expect(stderr.text()).toContain('event-type-counts (v1)');
    expect(await runProjectionsRebuild(undefined, context, { stdout: stdout.stream, stderr: stderr.stream })).toBe(
      EXIT_USAGE,
    );
    const checkpoints = await db.dataSource.query<unknown[]>('SELECT name FROM projection_checkpoints');
    expect(checkpoints).toEqual([]);
  });
});

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { stream, text: () => chunks.join('') };
}
