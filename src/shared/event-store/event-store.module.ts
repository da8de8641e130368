import {
  type BeforeApplicationShutdown,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { DATABASE_CONNECTION, type DatabaseConnection, PG_POOL } from '../database/database.module';
import { InstrumentedEventStore } from '../observability/instrumented-event-store';
import { MetricsService } from '../observability/metrics.service';
import { EsdbEventStore } from './esdb';
import { EVENT_STORE, type EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres';
import { assertPositionsBehindServer } from './postgres/logical-restore';
import { TRANSACTION_HORIZON, TransactionHorizonMonitor } from './postgres/transaction-horizon';

/** How often the monitor looks on its own (for its warning); readiness and metrics look when asked. */
const HORIZON_INTERVAL_MS = 5_000;
/** A transaction holding the horizon longer than this gets a warning naming it (or the readiness bound, if lower). */
const HORIZON_WARN_AFTER_SECONDS = 10;

/**
 * Picks the event store from configuration: EventStoreDB when `EVENTSTORE_CONNECTION_STRING` is set, the
 * PostgreSQL adapter on the application database otherwise (docs/adr/0001-event-store-port.md). The PostgreSQL adapter
 * refuses to start on a logical restore that was not fixed up (docs/adr/0023-restores-and-the-transaction-horizon.md):
 * it would file new events before restored ones and leave read models silently stale.
 */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      // The data source is there for its migrations: the start-up check reads the migrated schema.
      inject: [APP_CONFIG, PG_POOL, MetricsService, DataSource],
      useFactory: async (config: AppConfig, pool: Pool, metrics: MetricsService): Promise<EventStore> => {
        const logger = new Logger('EventStore');
        let store: EventStore;
        if (config.eventStoreConnectionString !== undefined) {
          logger.log('Events in EventStoreDB');
          store = EsdbEventStore.fromConnectionString(config.eventStoreConnectionString, {
            trustServerCheckpoints: config.eventStoreTrustCheckpoints,
          });
        } else {
          logger.log('Events in PostgreSQL');
          await assertPositionsBehindServer(pool);
          store = new PostgresEventStore(pool);
        }
        return new InstrumentedEventStore(store, metrics);
      },
    },
    {
      provide: TRANSACTION_HORIZON,
      inject: [APP_CONFIG, PG_POOL, MetricsService, DATABASE_CONNECTION],
      useFactory: (
        config: AppConfig,
        pool: Pool,
        metrics: MetricsService,
        connection: DatabaseConnection,
      ): TransactionHorizonMonitor | null => {
        // PGlite has one session: nothing else on "the server" can hold a transaction open for long.
        if (config.eventStoreConnectionString !== undefined || connection.kind !== 'postgres') return null;
        const logger = new Logger('EventStore');
        const monitor = new TransactionHorizonMonitor(pool, {
          notReadyAfterSeconds: config.horizonHeldMaxSeconds,
          warnAfterSeconds:
            config.horizonHeldMaxSeconds > 0
              ? Math.min(HORIZON_WARN_AFTER_SECONDS, config.horizonHeldMaxSeconds)
              : HORIZON_WARN_AFTER_SECONDS,
          intervalMs: HORIZON_INTERVAL_MS,
          logger: { warn: (message) => logger.warn(message) },
        });
        metrics.reportHorizonHeld(async () => {
          await monitor.inspect().catch(() => undefined);
          return monitor.heldSeconds();
        });
        return monitor;
      },
    },
  ],
  exports: [EVENT_STORE, TRANSACTION_HORIZON],
})
export class EventStoreModule implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(TRANSACTION_HORIZON) private readonly horizon: TransactionHorizonMonitor | null,
  ) {}

  onApplicationBootstrap(): void {
    this.horizon?.start();
  }

  beforeApplicationShutdown(): void {
    this.horizon?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
