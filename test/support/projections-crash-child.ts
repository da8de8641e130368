/**
 * Child process of the projection crash test: runs the projection runner against the database in DATABASE_URL
 * (the test's PGlite server or PostgreSQL) and, on the batch numbered CRASH_AT_BATCH, tells the parent that it is
 * inside the batch's transaction and then waits there until the parent kills it (SIGKILL).
 */
import type { RecordedEvent } from '../../src/shared/event-store';
import { createDataSource, createPool } from '../../src/shared/database';
import { PostgresEventStore } from '../../src/shared/event-store/postgres';
import { ProjectionRunner, type ProjectionHandler } from '../../src/shared/projections';
import { caseTimelineProjection, eventTypeCountsProjection, projectionTestEntities } from './projections';

export interface InsideTransaction {
  readonly kind: 'inside-transaction';
  readonly projection: string;
  readonly eventIds: string[];
}

export function isInsideTransaction(message: unknown): message is InsideTransaction {
  return (
    typeof message === 'object' && message !== null && (message as { kind?: unknown }).kind === 'inside-transaction'
  );
}

async function main(): Promise<void> {
  const url = process.env.CRASH_DATABASE_URL;
  const crashAt = Number(process.env.CRASH_AT_BATCH);
  if (!url || !Number.isInteger(crashAt)) throw new Error('CRASH_DATABASE_URL and CRASH_AT_BATCH are required');
  const send = (message: InsideTransaction) => process.send?.(message);

  let batches = 0;
  // Both projections count towards the same batch number: whichever reaches it hangs inside its transaction.
  const hangAt = async (projection: string, events: readonly RecordedEvent[]) => {
    batches += 1;
    if (batches !== crashAt) return;
    send({ kind: 'inside-transaction', projection, eventIds: events.map((event) => event.id) });
    await new Promise(() => undefined);
  };
  const timeline = caseTimelineProjection();
  const hangingTimeline: ProjectionHandler = {
    name: timeline.name,
    version: timeline.version,
    ...(timeline.filter ? { filter: timeline.filter } : {}),
    async handle(events, tx) {
      await timeline.handle(events, tx);
      await hangAt(timeline.name, events);
    },
    reset: (tx) => timeline.reset(tx),
  };
  const counts = eventTypeCountsProjection(1, { insideTransaction: (events) => hangAt('event-type-counts', events) });

  const pool = createPool(url, { max: 3, applicationName: 'onthaal-crash-child' });
  const dataSource = createDataSource({
    url,
    migrations: [],
    entities: projectionTestEntities,
    poolSize: 3,
    applicationName: 'onthaal-crash-child',
  });
  await dataSource.initialize();
  const eventStore = new PostgresEventStore(pool, { minPollIntervalMs: 5, maxPollIntervalMs: 40 });
  const runner = new ProjectionRunner({
    eventStore,
    dataSource,
    projections: [counts, hangingTimeline],
    logger: { log: () => undefined, warn: () => undefined, error: (message) => process.stderr.write(`${message}\n`) },
    batchSize: Number(process.env.CRASH_BATCH_SIZE ?? 10),
    lockRetryMs: 100,
    lagRefreshMs: 0,
  });
  runner.start();
}

if (require.main === module || process.argv[1] === __filename) {
  main().catch((error: unknown) => {
    process.stderr.write(`crash child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
