import type { Type } from '@nestjs/common';
import type { EntitySchema } from 'typeorm';
import type { MigrationClass } from './database/data-source';
import type { ProjectionHandler } from './projections';

/** What a capability contributes to the app: its Nest module, its read-model schema and its projections. */
export interface Capability {
  readonly module: Type;
  readonly migrations: readonly MigrationClass[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  readonly entities: readonly (Function | EntitySchema)[];
  readonly projections: readonly ProjectionHandler[];
}
