import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '../../../src/shared/event-store';
import { PostgresEventStore } from '../../../src/shared/event-store/postgres';
import {
  RestoreFixUpRequired,
  assertPositionsBehindServer,
  fixUpAfterLogicalRestore,
  inspectPositions,
} from '../../../src/shared/event-store/postgres/logical-restore';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../support/database';

/**
 * The fix-up on a database that looks like a fresh logical restore: events and positions carry transaction ids this
 * server has not assigned yet. (test/e2e/logical-restore.test.ts does the real pg_dump onto a second cluster.)
 */
describe.each(testDatabaseKinds())('logical-restore fix-up on %s', (kind) => {
  let db: TestDatabase;
  let ahead: bigint;

  beforeAll(async () => {
    db = await createTestDatabase({ kind, poolSize: 2, dataSourcePoolSize: 1 });
    await db.pool.query(`
      CREATE TABLE restored_rows (
        id text PRIMARY KEY,
        last_applied_commit numeric(20, 0) NOT NULL,
        last_applied_prepare numeric(20, 0) NOT NULL)`);
  });
  afterAll(() => db?.dispose());

  beforeEach(async () => {
    await db.pool.query('TRUNCATE es_events, es_streams, projection_checkpoints, restored_rows');
    const { rows } = await db.pool.query<{ next: string }>(
      'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next',
    );
    ahead = BigInt(rows[0]!.next) + 1_000_000n;
  });

  /** Restored events: [transaction id offset above the server, global position], in insertion order. */
  async function restoreEvents(events: readonly (readonly [bigint | 'one', number])[]): Promise<string[]> {
    const ids: string[] = [];
    for (const [n, [xid, position]] of events.entries()) {
      const id = randomUUID();
      ids.push(id);
      await db.pool.query(
        `INSERT INTO es_events (global_position, transaction_id, stream_id, stream_revision, event_id, event_type, data)
         OVERRIDING SYSTEM VALUE VALUES ($1, $2::xid8, $3, 0, $4, 'ThingHappened', '{}')`,
        [position, xid === 'one' ? '1' : (ahead + xid).toString(), `restored-${n}`, id],
      );
    }
    await db.pool.query(`SELECT setval(pg_get_serial_sequence('es_events', 'global_position'), 100)`);
    return ids;
  }

  async function orderOfAll(): Promise<string[]> {
    const { rows } = await db.pool.query<{ event_id: string }>(
      'SELECT event_id::text FROM es_events ORDER BY transaction_id, global_position',
    );
    return rows.map((row) => row.event_id);
  }

  async function position(table: string, where: string): Promise<string> {
    const { rows } = await db.pool.query<{ position: string }>(
      table === 'projection_checkpoints'
        ? `SELECT commit_position || '/' || prepare_position AS position FROM projection_checkpoints WHERE ${where}`
        : `SELECT last_applied_commit || '/' || last_applied_prepare AS position FROM ${table} WHERE ${where}`,
    );
    return rows[0]!.position;
  }

  it('keeps the $all order, maps every stored position through it, and is idempotent', async () => {
    // Global position 3 committed first (lower transaction id): $all order is 3, 1, 2, which a global position order
    // would break, so the positions are renumbered 1, 2, 3.
    const ids = await restoreEvents([
      [10n, 1],
      [10n, 2],
      [5n, 3],
    ]);
    const order = await orderOfAll();
    expect(order).toEqual([ids[2], ids[0], ids[1]]);
    await db.pool.query(
      `INSERT INTO projection_checkpoints (name, version, commit_position, prepare_position)
       VALUES ('up-to-1', 1, $1, 1), ('from-start', 1, NULL, NULL)`,
      [(ahead + 10n).toString()],
    );
    await db.pool.query(`INSERT INTO restored_rows VALUES ('at-3', $1, 3), ('between', $2, 99), ('at-2', $3, 2)`, [
      (ahead + 5n).toString(),
      (ahead + 7n).toString(),
      (ahead + 10n).toString(),
    ]);
    await expect(assertPositionsBehindServer(db.pool)).rejects.toThrow(RestoreFixUpRequired);
    await expect(assertPositionsBehindServer(db.pool)).rejects.toThrow(/npm run restore:fixup/);

    const report = await fixUpAfterLogicalRestore(db.pool);

    expect(report).toMatchObject({ eventsRewritten: 3, renumbered: true });
    expect(report.positionsRewritten.map((columns) => [columns.table, columns.rows])).toEqual([
      ['"public"."projection_checkpoints"', 1],
      ['"public"."restored_rows"', 3],
    ]);
    expect(await orderOfAll()).toEqual(order);
    const { rows } = await db.pool.query<{ event_id: string; position: string }>(
      `SELECT event_id::text, transaction_id || '/' || global_position AS position FROM es_events
       ORDER BY global_position`,
    );
    expect(rows).toEqual([
      { event_id: ids[2], position: '1/1' },
      { event_id: ids[0], position: '1/2' },
      { event_id: ids[1], position: '1/3' },
    ]);
    // Each stored position now names the same event (or the newest one before it) as before.
    expect(await position('projection_checkpoints', `name = 'up-to-1'`)).toBe('1/2');
    expect(await position('restored_rows', `id = 'at-3'`)).toBe('1/1');
    expect(await position('restored_rows', `id = 'between'`)).toBe('1/1');
    expect(await position('restored_rows', `id = 'at-2'`)).toBe('1/3');
    const start = await db.pool.query(`SELECT commit_position FROM projection_checkpoints WHERE name = 'from-start'`);
    expect(start.rows[0].commit_position).toBeNull();
    await expect(assertPositionsBehindServer(db.pool)).resolves.toBeUndefined();

    const again = await fixUpAfterLogicalRestore(db.pool);
    expect(again).toMatchObject({ eventsRewritten: 0, renumbered: false, positionsRewritten: [] });
    expect(await position('restored_rows', `id = 'at-2'`)).toBe('1/3');

    // A new append sorts after every restored event, and readers see all of them.
    const store = new PostgresEventStore(db.pool);
    try {
      const appended = await store.appendToStream(`new-${randomUUID()}`, [{ id: randomUUID(), type: 'T', data: {} }], {
        expectedRevision: 'no_stream',
      });
      expect(appended.position.commit).toBeGreaterThan(1n);
      // `$all` shows an event once every transaction older than its own has ended on the whole server (ADR 0002):
      // another suite's open transaction on its own database holds it back for a moment.
      const all = await allOnceVisible(store, 4);
      expect(all.map((event) => event.id)).toEqual([...order, all[3]!.id]);
    } finally {
      await store.close();
    }
  });

  it('keeps global positions when they already follow the $all order', async () => {
    await restoreEvents([
      [5n, 1],
      [7n, 2],
    ]);
    await db.pool.query(`INSERT INTO restored_rows VALUES ('at-2', $1, 2)`, [(ahead + 7n).toString()]);

    const report = await fixUpAfterLogicalRestore(db.pool);

    expect(report).toMatchObject({ eventsRewritten: 2, renumbered: false });
    expect(await position('restored_rows', `id = 'at-2'`)).toBe('1/2');
  });

  it('repairs positions left ahead by a hand-made fix-up of the events alone', async () => {
    // The procedure documented before: events set to transaction id 1, read-model rows forgotten.
    await restoreEvents([
      ['one', 1],
      ['one', 2],
    ]);
    await db.pool.query(`INSERT INTO restored_rows VALUES ('at-2', $1, 2), ('fixed', 1, 1)`, [(ahead + 7n).toString()]);
    const before = await inspectPositions(db.pool);
    expect(before.eventsAhead).toBe(false);
    expect(before.positionsAhead.map((columns) => [columns.table, columns.rows])).toEqual([
      ['"public"."restored_rows"', 1],
    ]);
    await expect(assertPositionsBehindServer(db.pool)).rejects.toThrow(/1 position\(s\) in "public"."restored_rows"/);

    const report = await fixUpAfterLogicalRestore(db.pool);

    expect(report.positionsRewritten.map((columns) => columns.rows)).toEqual([1]);
    expect(await position('restored_rows', `id = 'at-2'`)).toBe('1/2');
    expect(await position('restored_rows', `id = 'fixed'`)).toBe('1/1');
    await expect(assertPositionsBehindServer(db.pool)).resolves.toBeUndefined();
  });
});

/** `readAll()` once it shows `count` events (or what it shows after a minute, for the assertion to name). */
async function allOnceVisible(store: PostgresEventStore, count: number): Promise<RecordedEvent[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const all = await store.readAll();
    if (all.length >= count || Date.now() > deadline) return all;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
