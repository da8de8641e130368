import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Pool } from 'pg';
import type { DataSource, EntitySchema } from 'typeorm';
import {
  createDataSource,
  createPool,
  runMigrations,
  sharedMigrations,
  startEmbeddedPostgres,
  type MigrationClass,
} from '../../src/shared/database';

/**
 * Real databases for integration tests: PGlite in memory always, and a fresh database on the PostgreSQL server of
 * `DATABASE_URL` when it is set (CI sets it). Typical use:
 *
 *   describe.each(testDatabaseKinds())('on %s', (kind) => {
 *     let db: TestDatabase;
 *     beforeAll(async () => { db = await createTestDatabase({ kind, migrations: [MyMigration1764...] }); });
 *     afterAll(() => db.dispose());
 *     ...
 *   });
 */
export type TestDatabaseKind = 'pglite' | 'postgres';

export interface TestDatabase {
  readonly kind: TestDatabaseKind;
  /** Connection URL of this database only. */
  readonly url: string;
  /** A `pg` pool (int8 as strings), e.g. for `new PostgresEventStore(db.pool)` and raw SQL. */
  readonly pool: Pool;
  /** An initialised TypeORM data source, migrations already run. Its `migrations` are the shared ones plus yours. */
  readonly dataSource: DataSource;
  /** Closes every connection and deletes the database. Safe to call twice. */
  dispose(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Defaults to `postgres` when `DATABASE_URL` is set, else `pglite`. */
  readonly kind?: TestDatabaseKind;
  /** Run after `sharedMigrations` (the event store, the projection checkpoints). */
  readonly migrations?: readonly MigrationClass[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  readonly entities?: readonly (Function | EntitySchema)[];
  /** `false` leaves the database empty (`dataSource` is initialised, nothing migrated). Defaults to true. */
  readonly runMigrations?: boolean;
  /** Connections of `pool`. Defaults to 8. */
  readonly poolSize?: number;
  /** Connections of `dataSource`. Defaults to 4. */
  readonly dataSourcePoolSize?: number;
}

/** The kinds this process tests against: PGlite always, PostgreSQL too when `DATABASE_URL` is set. */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const kind = options.kind ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite');
  const poolSize = options.poolSize ?? 8;
  const dataSourcePoolSize = options.dataSourcePoolSize ?? 4;
  const server = kind === 'pglite' ? await embeddedServer(poolSize + dataSourcePoolSize) : await postgresDatabase();

  const pool = createPool(server.url, { max: poolSize, applicationName: 'onthaal-test' });
  const dataSource = createDataSource({
    url: server.url,
    migrations: [...sharedMigrations, ...(options.migrations ?? [])],
    entities: options.entities ?? [],
    poolSize: dataSourcePoolSize,
    applicationName: 'onthaal-test',
  });
  let disposed: Promise<void> | undefined;
  const dispose = () => {
    disposed ??= (async () => {
      await Promise.allSettled([pool.end(), dataSource.isInitialized ? dataSource.destroy() : undefined]);
      await server.drop();
    })();
    return disposed;
  };
  try {
    await dataSource.initialize();
    if (options.runMigrations !== false) await runMigrations(dataSource);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { kind, url: server.url, pool, dataSource, dispose };
}

interface Server {
  readonly url: string;
  drop(): Promise<void>;
}

/** A freshly initialised PGlite, cached per PGlite version: a new test database loads it instead of running initdb. */
const PGLITE_TEMPLATE = join(tmpdir(), `onthaal-pglite-template-${pgliteVersion()}.tar`);

function pgliteVersion(): string {
  const manifest = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

async function embeddedServer(connections: number): Promise<Server> {
  const embedded = await startEmbeddedPostgres({ maxConnections: connections + 4, templateFile: PGLITE_TEMPLATE });
  return { url: embedded.url, drop: () => embedded.stop() };
}

const DATABASE_PREFIX = 'onthaal_test_';
/** Databases left behind by a killed run are dropped by a later one once they are this old. */
const STALE_AFTER_SECONDS = 6 * 3600;

async function postgresDatabase(): Promise<Server> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set: use kind "pglite"');
  const now = Math.floor(Date.now() / 1000);
  const name = `${DATABASE_PREFIX}${now}_${randomBytes(6).toString('hex')}`;
  const admin = createPool(serverUrl, { max: 1, applicationName: 'onthaal-test-admin' });
  try {
    await dropStaleDatabases(admin, now);
    // Another session copying template1 at the same moment makes CREATE DATABASE fail (55006): try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name}`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = createPool(serverUrl, { max: 1, applicationName: 'onthaal-test-admin' });
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

async function dropStaleDatabases(admin: Pool, now: number): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE '${DATABASE_PREFIX}%'`,
  );
  for (const { datname } of rows) {
    const created = Number(/^onthaal_test_(\d+)_[0-9a-f]+$/.exec(datname)?.[1]);
    if (Number.isFinite(created) && now - created > STALE_AFTER_SECONDS) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
    }
  }
}
