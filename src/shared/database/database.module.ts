import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource, type EntitySchema } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { createDataSource, type MigrationClass, runMigrations } from './data-source';
import { createPool } from './pg-pool';
import { startEmbeddedPostgres } from './pglite-server';
import { sharedMigrations } from './shared-migrations';

/** Where the database is: a configured PostgreSQL server, or the embedded PGlite this process started. */
export interface DatabaseConnection {
  readonly kind: 'postgres' | 'embedded';
  readonly url: string;
  /** Connections per pool: small on PGlite, whose single session serialises everything anyway. */
  readonly poolSize: number;
  stop(): Promise<void>;
}

export const DATABASE_CONNECTION = Symbol('DatabaseConnection');
/** A plain `pg` pool for the PostgreSQL event store (one round trip per append, no ORM in the way). */
export const PG_POOL = Symbol('PgPool');

export interface DatabaseModuleOptions {
  readonly migrations: readonly MigrationClass[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  readonly entities: readonly (Function | EntitySchema)[];
}

const EMBEDDED_POOL_SIZE = 4;
/** TypeORM's pool, the event store's pool and the rebuild CLI's connections, with room to spare. */
const EMBEDDED_MAX_CONNECTIONS = 20;

/**
 * The database for read models (and for events unless EventStoreDB is configured): `DATABASE_URL`, or an embedded
 * PGlite under `DATA_DIR` (docs/adr/0003-embedded-pglite-default.md). Runs the migrations at start.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(
    @Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection,
    private readonly dataSource: DataSource,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DATABASE_CONNECTION,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => connect(config),
        },
        {
          provide: DataSource,
          inject: [DATABASE_CONNECTION],
          useFactory: async (connection: DatabaseConnection) => {
            const dataSource = createDataSource({
              url: connection.url,
              migrations: [...sharedMigrations, ...options.migrations],
              entities: options.entities,
              poolSize: connection.poolSize,
              applicationName: 'onthaal-read-models',
            });
            await dataSource.initialize();
            const executed = await runMigrations(dataSource);
            if (executed.length > 0) new Logger('Database').log(`Applied migrations: ${executed.join(', ')}`);
            return dataSource;
          },
        },
        {
          provide: PG_POOL,
          inject: [DATABASE_CONNECTION],
          useFactory: (connection: DatabaseConnection) =>
            createPool(connection.url, {
              max: connection.poolSize,
              applicationName: 'onthaal-events',
              onIdleError: (error) => new Logger('Database').warn(`Idle connection failed: ${error.message}`),
            }),
        },
      ],
      exports: [DATABASE_CONNECTION, DataSource, PG_POOL],
    };
  }

  /** Runs after every module's `beforeApplicationShutdown`, so projections have committed their last batch. */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end().catch((error: Error) => this.logger.warn(`Closing the pool failed: ${error.message}`));
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.connection.stop();
  }
}

async function connect(config: AppConfig): Promise<DatabaseConnection> {
  const logger = new Logger('Database');
  if (config.databaseUrl !== undefined) {
    logger.log(`Using PostgreSQL at ${describeServer(config.databaseUrl)}`);
    return {
      kind: 'postgres',
      url: config.databaseUrl,
      poolSize: config.databasePoolSize,
      stop: () => Promise.resolve(),
    };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, maxConnections: EMBEDDED_MAX_CONNECTIONS });
  logger.warn(
    `Embedded mode: PGlite database in ${config.dataDir}. For trying out and development only ` +
      `(no fsync, one database session); set DATABASE_URL for real data.`,
  );
  return { kind: 'embedded', url: embedded.url, poolSize: EMBEDDED_POOL_SIZE, stop: () => embedded.stop() };
}

/** Host, port and database only: the URL's credentials never reach a log. */
function describeServer(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}
