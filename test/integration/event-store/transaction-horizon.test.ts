import { randomUUID } from 'node:crypto';
import { createPool } from '../../../src/shared/database';
import { PostgresEventStore } from '../../../src/shared/event-store/postgres';
import { TransactionHorizonMonitor } from '../../../src/shared/event-store/postgres/transaction-horizon';
import { createTestDatabase, type TestDatabase } from '../../support/database';

/**
 * A write transaction open in another database of the same server holds back `$all` here too (transaction ids are
 * server-wide), and the monitor names it. PostgreSQL only: PGlite has one session and one database, so nothing
 * else can hold a transaction open beside the service.
 */
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('the transaction horizon on PostgreSQL (PostgreSQL only: PGlite has one session)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  /** A session in the database of DATABASE_URL: not the test's own database. */
  const elsewhere = createPool(process.env.DATABASE_URL ?? 'postgres://unused', {
    max: 2,
    applicationName: 'onthaal-test-stray',
  });

  beforeAll(async () => {
    db = await createTestDatabase({ kind: 'postgres', poolSize: 2, dataSourcePoolSize: 1 });
    store = new PostgresEventStore(db.pool);
  });
  afterAll(async () => {
    await store?.close();
    await db?.dispose();
    await elsewhere.end();
  });

  async function open(write: boolean): Promise<{ pid: number; end: () => Promise<void> }> {
    const client = await elsewhere.connect();
    await client.query('BEGIN');
    await client.query(write ? 'SELECT pg_current_xact_id()' : 'SELECT count(*) FROM pg_class');
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    let ended: Promise<void> | undefined;
    return {
      pid: rows[0]!.pid,
      end: () =>
        (ended ??= (async () => {
          await client.query('COMMIT');
          client.release();
        })()),
    };
  }

  it('names a write transaction of another database that holds delivery back, and only that kind', async () => {
    const warnings: string[] = [];
    let now = 1_000_000;
    const monitor = new TransactionHorizonMonitor(db.pool, {
      notReadyAfterSeconds: 60,
      warnAfterSeconds: 30,
      intervalMs: 60_000,
      logger: { warn: (message) => warnings.push(message) },
      now: () => now,
    });
    const reader = await open(false);
    const stray = await open(true);
    try {
      const stream = `horizon-${randomUUID()}`;
      await store.appendToStream(stream, [{ id: randomUUID(), type: 'ThingHappened', data: {} }], {
        expectedRevision: 'no_stream',
      });
      // Committed, readable by stream, but not in $all: the stray transaction of another database holds it back.
      expect(await store.readStream(stream)).toHaveLength(1);
      const all = async () => (await store.readAll({ direction: 'backwards', maxCount: 50 })).map((e) => e.streamId);
      expect(await all()).not.toContain(stream);

      const holders = await monitor.inspect();
      const held = holders.find((holder) => holder.pid === stray.pid);
      expect(held).toMatchObject({
        database: new URL(process.env.DATABASE_URL!).pathname.slice(1),
        applicationName: 'onthaal-test-stray',
        state: 'idle in transaction',
      });
      // A read-only transaction has no transaction id and holds nothing back.
      expect(holders.map((holder) => holder.pid)).not.toContain(reader.pid);
      expect(monitor.heldSeconds()).toBeGreaterThanOrEqual(held!.heldSeconds);
      await expect(monitor.assertNotHeldTooLong()).resolves.toBeUndefined();
      expect(warnings.filter((warning) => warning.includes(`pid ${stray.pid},`))).toEqual([]);

      // Two minutes later (by the monitor's clock): a warning naming it once, and readiness fails.
      now += 120_000;
      await expect(monitor.assertNotHeldTooLong()).rejects.toThrow(
        new RegExp(`more than 60 s.*pid ${stray.pid}, database \\S+, application_name "onthaal-test-stray"`),
      );
      await monitor.inspect();
      const named = warnings.filter((warning) => warning.includes(`pid ${stray.pid},`));
      expect(named).toHaveLength(1);
      expect(named[0]).toMatch(/holds back every event subscription.*state idle in transaction, held \d+ s/);

      await stray.end();
      expect((await monitor.inspect()).map((holder) => holder.pid)).not.toContain(stray.pid);
      // Delivery resumes once it ends (another suite's transaction may still hold it a moment).
      const deadline = Date.now() + 20_000;
      while (!(await all()).includes(stream) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await all()).toContain(stream);
    } finally {
      await reader.end();
      await stray.end();
    }
  });
});
