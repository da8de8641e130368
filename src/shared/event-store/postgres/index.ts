export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
export { appendToStreamWith, type Queryable } from './postgres-append';
export { CreateEventStore1764115200000 } from './create-event-store.migration';
