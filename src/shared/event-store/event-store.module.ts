import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PG_POOL } from '../database/database.module';
import { InstrumentedEventStore } from '../observability/instrumented-event-store';
import { MetricsService } from '../observability/metrics.service';
import { EsdbEventStore } from './esdb';
import { EVENT_STORE, type EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres';
import { assertPositionsBehindServer } from './postgres/logical-restore';

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
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
