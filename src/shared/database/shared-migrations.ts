import { CreateEventStore1764115200000 } from '../event-store/postgres/create-event-store.migration';
import { ProjectionCheckpoints1764201600000 } from '../projections/projection-checkpoints.migration';
import { AccessLog1764374400000 } from '../auth/access-log/access-log.migration';
import { AccessLogPending1765152000000 } from '../auth/access-log/access-log-pending.migration';
import type { MigrationClass } from './data-source';

/**
 * Migrations of `shared/`, run by every deployment before the capabilities' own. TypeORM orders them by the timestamp
 * that ends each class name, not by their place here; add one line per new migration.
 */
export const sharedMigrations: readonly MigrationClass[] = [
  CreateEventStore1764115200000,
  ProjectionCheckpoints1764201600000,
  AccessLog1764374400000,
  AccessLogPending1765152000000,
];
