import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { partnersCapability } from '../../src/partners/partners.capability';
import {
  createDataSource,
  createPool,
  runMigrations,
  sharedMigrations,
  startEmbeddedPostgres,
} from '../../src/shared/database';

/** Where a figure was measured: the PostgreSQL server of `DATABASE_URL`, or PGlite as the service embeds it. */
export type TargetName = 'postgres' | 'pglite';
export const TARGET_LABELS: Record<TargetName, string> = { postgres: 'PostgreSQL', pglite: 'PGlite' };

export interface BenchDatabase {
  readonly target: TargetName;
  /** This database only. */
  readonly url: string;
  /** For raw SQL, loading data and the event store in the main thread. */
  readonly pool: Pool;
  /** TypeORM with the partners read models (the projection rebuild). */
  readonly dataSource: DataSource;
  readonly serverVersion: string;
  dispose(): Promise<void>;
}

const DATABASE_PREFIX = 'onthaal_bench_';
/** Databases of a killed run are dropped by a later run once they are this old. */
const STALE_AFTER_SECONDS = 6 * 3600;
const MAIN_POOL_SIZE = 6;

/**
 * A fresh database on the server of `serverUrl`, with the service's schema (shared and partners migrations). It is
 * dropped by `dispose` (unless kept), and by a later run once it is stale.
 */
export async function createPostgresBenchDatabase(
  serverUrl: string,
  options: { readonly keep?: boolean } = {},
): Promise<BenchDatabase> {
  const now = Math.floor(Date.now() / 1000);
  const name = `${DATABASE_PREFIX}${now}_${randomBytes(4).toString('hex')}`;
  const admin = createPool(serverUrl, { max: 1, applicationName: 'onthaal-bench-admin' });
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${DATABASE_PREFIX}%'`,
    );
    for (const { datname } of rows) {
      const created = Number(/^onthaal_bench_(\d+)_[0-9a-f]+$/.exec(datname)?.[1]);
      if (Number.isFinite(created) && now - created > STALE_AFTER_SECONDS) {
        await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
      }
    }
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    if (options.keep) return;
    const dropper = createPool(serverUrl, { max: 1, applicationName: 'onthaal-bench-admin' });
    try {
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await dropper.end();
    }
  };
  return open('postgres', url.toString(), drop);
}

/** PGlite as embedded mode runs it: a data directory on disk (here a temporary one), served on a loopback port. */
export async function createPgliteBenchDatabase(): Promise<BenchDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'onthaal-bench-pglite-'));
  // Room for the main pool, TypeORM's, and the append workers' pools (at most 8 writers on PGlite).
  const embedded = await startEmbeddedPostgres({ dataDir, maxConnections: 40 });
  return open('pglite', embedded.url, async () => {
    await embedded.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
}

async function open(target: TargetName, url: string, drop: () => Promise<void>): Promise<BenchDatabase> {
  const pool = createPool(url, { max: MAIN_POOL_SIZE, applicationName: 'onthaal-bench' });
  const dataSource = createDataSource({
    url,
    migrations: [...sharedMigrations, ...partnersCapability.migrations],
    entities: [...partnersCapability.entities],
    poolSize: 4,
    applicationName: 'onthaal-bench',
  });
  let disposed: Promise<void> | undefined;
  const dispose = () =>
    (disposed ??= (async () => {
      await Promise.allSettled([pool.end(), dataSource.isInitialized ? dataSource.destroy() : undefined]);
      await drop();
    })());
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    const { rows } = await pool.query<{ version: string }>(`SELECT current_setting('server_version') AS version`);
    return { target, url, pool, dataSource, serverVersion: rows[0]?.version ?? 'unknown', dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/**
 * Empties the event store, the checkpoints and every read model (the partners tables the benchmark migrates, and
 * whatever else a service run or the impact section migrated: clients, intake, referral, `impact`): each section
 * starts from nothing. Kept: the migrations' own bookkeeping, the row of settings the impact migration inserts, and
 * the access log (append-only by its own trigger; no projection reads it).
 */
export async function emptyEventStore(db: BenchDatabase): Promise<void> {
  const { rows } = await db.pool.query<{ name: string }>(
    `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables
      WHERE schemaname IN ('public', 'impact') AND tablename NOT IN ('migrations', 'publication_settings', 'access_log')`,
  );
  await db.pool.query(`TRUNCATE ${rows.map((row) => row.name).join(', ')} RESTART IDENTITY`);
}

/**
 * Makes sure the server has handed out at least `count` transaction ids, so that synthetic events can carry ids
 * below the oldest running transaction, each append its own, as on a server that has been in use. A young server
 * (a fresh cluster, PGlite) is advanced by committing empty transactions, quickly (no wait for the disk). Ids
 * already used are reused by every later run, so only the first run on a server pays for this.
 *
 * Returns the current horizon: every transaction id below it belongs to a finished transaction.
 */
export async function ensureTransactionIds(db: BenchDatabase, count: number): Promise<bigint> {
  const client = await db.pool.connect();
  try {
    await client.query('SET synchronous_commit = off');
    for (let round = 0; round < 1000; round++) {
      const horizon = await transactionHorizon(client);
      if (horizon > BigInt(count) + 1000n) return horizon;
      const missing = BigInt(count) + 1000n - horizon + 1n;
      const step = missing > 100_000n ? 100_000n : missing;
      // Transaction control inside DO needs the simple query protocol and no open transaction: one call per step.
      await client.query(
        `DO $$ BEGIN FOR i IN 1..${step.toString()} LOOP PERFORM pg_current_xact_id(); COMMIT; END LOOP; END $$`,
      );
    }
    throw new Error('could not advance the transaction counter');
  } finally {
    await client.query('RESET synchronous_commit').catch(() => undefined);
    client.release();
  }
}

async function transactionHorizon(client: Pick<Pool, 'query'>): Promise<bigint> {
  const { rows } = await client.query<{ horizon: string }>(
    'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon',
  );
  return BigInt(rows[0]!.horizon);
}
