import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDataSource,
  createPool,
  runMigrations,
  sharedMigrations,
  startEmbeddedPostgres,
} from '../../../src/shared/database';
import { PostgresEventStore } from '../../../src/shared/event-store/postgres';
import { createTestDatabase, testDatabaseKinds } from '../../support/database';

describe('embedded PostgreSQL (PGlite)', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'onthaal-pglite-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('keeps the schema and the events of a data folder across a restart', async () => {
    const dataDir = join(folder, 'data', 'nested');
    const stream = `restart-${randomUUID()}`;
    const first = await startEmbeddedPostgres({ dataDir });
    const written = await withStore(first.url, async (store, migrated) => {
      expect(migrated).toEqual(sharedMigrations.map((migration) => migration.name));
      await store.appendToStream(stream, [{ id: randomUUID(), type: 'Kept', data: { n: 1 } }], {
        expectedRevision: 'no_stream',
      });
      return store.readStream(stream);
    });
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      await withStore(second.url, async (store, migrated) => {
        expect(migrated).toEqual([]);
        expect(await store.readStream(stream)).toEqual(written);
        const next = await store.appendToStream(stream, [{ id: randomUUID(), type: 'Kept', data: { n: 2 } }], {
          expectedRevision: 0n,
        });
        expect(next.nextExpectedRevision).toBe(1n);
      });
    } finally {
      await second.stop();
    }
  });

  it('starts an in-memory database from a template file, rebuilding a damaged one', async () => {
    const templateFile = join(folder, 'template.tar');
    await writeFile(templateFile, 'not a database');
    for (const attempt of [1, 2]) {
      const server = await startEmbeddedPostgres({ templateFile });
      const pool = createPool(server.url, { max: 1, applicationName: 'onthaal-test' });
      try {
        await pool.query('CREATE TABLE started (attempt int)');
        await pool.query('INSERT INTO started VALUES ($1)', [attempt]);
        // Each start is a fresh database: nothing of the previous one is left.
        expect((await pool.query('SELECT attempt FROM started')).rows).toEqual([{ attempt }]);
      } finally {
        await pool.end();
        await server.stop();
      }
      expect((await stat(templateFile)).size).toBeGreaterThan(1024 * 1024);
    }
  });

  it('refuses a connection without the password of this start, even on the loopback interface', async () => {
    const server = await startEmbeddedPostgres({ templateFile: join(folder, 'template.tar') });
    try {
      const url = new URL(server.url);
      expect(url.hostname).toBe('127.0.0.1');
      expect(url.password.length).toBeGreaterThanOrEqual(32);
      const attempt = async (password: string | undefined) => {
        const candidate = new URL(server.url);
        candidate.password = password ?? '';
        const pool = createPool(candidate.toString(), { max: 1, applicationName: 'onthaal-test' });
        try {
          return (await pool.query<{ one: number }>('SELECT 1 AS one')).rows;
        } finally {
          await pool.end();
        }
      };
      await expect(attempt('not-the-password')).rejects.toMatchObject({ code: '28P01' });
      await expect(attempt(undefined)).rejects.toThrow();
      expect(await attempt(url.password)).toEqual([{ one: 1 }]);
    } finally {
      await server.stop();
    }
  });

  it('serves many connections at once without mixing their statements or transactions', async () => {
    const server = await startEmbeddedPostgres({ maxConnections: 10, templateFile: join(folder, 'template.tar') });
    // 400 callers queue for 8 connections to one single-session server: on a loaded machine the last of them waits
    // far longer than the default 10 s for a connection. What is tested is that none is mixed up, not how fast.
    const pool = createPool(server.url, { max: 8, applicationName: 'onthaal-test', connectionTimeoutMs: 150_000 });
    try {
      await pool.query('CREATE TABLE counted (n int NOT NULL)');
      const wrongAnswers: number[] = [];
      const transaction = async (n: number) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('INSERT INTO counted VALUES ($1)', [n]);
          const { rows } = await client.query<{ n: number }>('SELECT $1::int AS n', [n]);
          if (rows[0]?.n !== n) wrongAnswers.push(n);
          // Every seventh fails inside its transaction and rolls back.
          if (n % 7 === 0) await client.query('SELECT 1 / 0').catch(() => undefined);
          await client.query(n % 7 === 0 ? 'ROLLBACK' : 'COMMIT');
        } finally {
          client.release();
        }
      };
      const read = async (n: number) => {
        const { rows } = await pool.query<{ n: number }>('SELECT $1::int + 1 AS n', [n]);
        if (rows[0]?.n !== n + 1) wrongAnswers.push(n);
      };
      await Promise.all(Array.from({ length: 400 }, (_, n) => (n % 2 === 1 ? transaction(n) : read(n))));
      expect(wrongAnswers).toEqual([]);
      const { rows } = await pool.query<{ count: string }>('SELECT count(*) AS count FROM counted');
      const committed = Array.from({ length: 400 }, (_, n) => n).filter((n) => n % 2 === 1 && n % 7 !== 0);
      expect(Number(rows[0]!.count)).toBe(committed.length);
    } finally {
      await pool.end();
      await server.stop();
    }
  }, 600_000);
});

describe.each(testDatabaseKinds())('migrations on %s', (kind) => {
  it('run once when several instances start at the same time', async () => {
    const db = await createTestDatabase({ kind, runMigrations: false });
    const instances = [1, 2, 3].map(() =>
      createDataSource({ url: db.url, migrations: sharedMigrations, poolSize: 2, applicationName: 'onthaal-test' }),
    );
    try {
      await Promise.all(instances.map((instance) => instance.initialize()));
      const runs = await Promise.all(instances.map((instance) => runMigrations(instance)));
      expect(runs.flat().sort()).toEqual(sharedMigrations.map((migration) => migration.name).sort());
      const { rows } = await db.pool.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
      expect(rows.map((row) => row.name)).toEqual(
        [...sharedMigrations.map((migration) => migration.name)].sort(
          (a, b) => Number(a.slice(-13)) - Number(b.slice(-13)),
        ),
      );
    } finally {
      await Promise.all(instances.filter((instance) => instance.isInitialized).map((instance) => instance.destroy()));
      await db.dispose();
    }
  });
});

(process.env.DATABASE_URL ? describe : describe.skip)('migrations across processes on PostgreSQL', () => {
  it('wait while another instance holds the migration lock (needs DATABASE_URL: PGlite has one session)', async () => {
    const db = await createTestDatabase({ kind: 'postgres', runMigrations: false });
    const otherInstance = await db.pool.connect();
    let finished = false;
    try {
      await otherInstance.query(`SELECT pg_advisory_lock(hashtextextended('onthaal.migrations', 0))`);
      const running = runMigrations(db.dataSource).then((names) => {
        finished = true;
        return names;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(finished).toBe(false);
      const { rows } = await db.pool.query(`SELECT to_regclass('es_events') AS events`);
      expect(rows[0].events).toBeNull();
      await otherInstance.query(`SELECT pg_advisory_unlock(hashtextextended('onthaal.migrations', 0))`);
      expect(await running).toEqual(sharedMigrations.map((migration) => migration.name));
    } finally {
      otherInstance.release();
      await db.dispose();
    }
  });
});

async function withStore<T>(
  url: string,
  use: (store: PostgresEventStore, migrated: string[]) => Promise<T>,
): Promise<T> {
  const dataSource = createDataSource({ url, migrations: sharedMigrations, poolSize: 2 });
  const pool = createPool(url, { max: 2, applicationName: 'onthaal-test' });
  const store = new PostgresEventStore(pool);
  try {
    await dataSource.initialize();
    return await use(store, await runMigrations(dataSource));
  } finally {
    await store.close();
    await pool.end();
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
