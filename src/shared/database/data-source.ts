import { DataSource, MigrationExecutor, type EntitySchema, type MigrationInterface } from 'typeorm';

/** A TypeORM migration class. Its name must end in a 13-digit JavaScript timestamp: TypeORM orders by it. */
export type MigrationClass = new () => MigrationInterface;

export interface DataSourceConfig {
  readonly url: string;
  /** Usually `[...sharedMigrations, ...yourMigrations]`. */
  readonly migrations: readonly MigrationClass[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  readonly entities?: readonly (Function | EntitySchema)[];
  /** Connections of TypeORM's own pool. With the embedded database, count them against its `maxConnections`. */
  readonly poolSize: number;
  readonly applicationName?: string;
  /** See `createPool`: a forgotten transaction stalls every event-store subscription. Defaults to 60 s. */
  readonly idleInTransactionTimeoutMs?: number;
}

/**
 * A TypeORM data source over PostgreSQL (or the embedded PGlite server). The schema comes from migrations only:
 * `synchronize` stays off, and migrations run when `runMigrations` is called, not on initialisation.
 * The caller initialises it (`await dataSource.initialize()`) and destroys it.
 */
export function createDataSource(config: DataSourceConfig): DataSource {
  return new DataSource({
    type: 'postgres',
    url: config.url,
    migrations: [...config.migrations],
    entities: [...(config.entities ?? [])],
    poolSize: config.poolSize,
    applicationName: config.applicationName ?? 'onthaal',
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    // Migrations create what the schema needs; TypeORM must not try CREATE EXTENSION (PGlite has none to install).
    installExtensions: false,
    // Startup parameter: applied by PostgreSQL, ignored by PGlite (see pg-pool.ts).
    extra: { idle_in_transaction_session_timeout: config.idleInTransactionTimeoutMs ?? 60_000 },
  });
}

/**
 * Runs the pending migrations of an initialised data source, each in its own transaction, and returns their names.
 *
 * Several service instances may start at once against one PostgreSQL: a session advisory lock lets one of them
 * migrate while the others wait, then find nothing pending. (On PGlite every connection shares one session, so the
 * lock is re-entrant there; only one process can open a PGlite database anyway, and calls within a process queue.)
 */
export function runMigrations(dataSource: DataSource): Promise<string[]> {
  // Within one process, runs queue up: PGlite's shared session makes the advisory lock re-entrant, so it cannot
  // keep two data sources of this process from creating the same tables at once.
  const run = migrationsInThisProcess.then(() => migrate(dataSource));
  migrationsInThisProcess = run.catch(() => undefined);
  return run;
}

let migrationsInThisProcess: Promise<unknown> = Promise.resolve();

async function migrate(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtextextended('onthaal.migrations', 0))`);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const executed = await executor.executePendingMigrations();
      return executed.map((migration) => migration.name);
    } finally {
      // A failed unlock must not hide the migration's own error; closing the session releases the lock anyway.
      await runner.query(`SELECT pg_advisory_unlock(hashtextextended('onthaal.migrations', 0))`).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}
