import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PG_POOL } from '../database/database.module';
import { InstrumentedEventStore } from '../observability/instrumented-event-store';
import { MetricsService } from '../observability/metrics.service';
import { EsdbEventStore } from './esdb';
import { EVENT_STORE, type EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres';

/**
 * Picks the event store from configuration: EventStoreDB when `EVENTSTORE_CONNECTION_STRING` is set, the
 * PostgreSQL adapter on the application database otherwise (docs/adr/0001-event-store-port.md).
 */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG, PG_POOL, MetricsService],
      useFactory: (config: AppConfig, pool: Pool, metrics: MetricsService): EventStore => {
        const logger = new Logger('EventStore');
        let store: EventStore;
        if (config.eventStoreConnectionString !== undefined) {
          logger.log('Events in EventStoreDB');
          store = EsdbEventStore.fromConnectionString(config.eventStoreConnectionString, {
            trustServerCheckpoints: config.eventStoreTrustCheckpoints,
          });
        } else {
          logger.log('Events in PostgreSQL');
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
