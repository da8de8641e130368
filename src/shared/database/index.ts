export { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './pglite-server';
export { createPool, type PoolOptions } from './pg-pool';
export { createDataSource, runMigrations, type DataSourceConfig, type MigrationClass } from './data-source';
export { sharedMigrations } from './shared-migrations';
export { rowsOf, affectedOf, type SqlRunner } from './sql-runner';
