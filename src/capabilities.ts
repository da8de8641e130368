import type { Type } from '@nestjs/common';
import type { EntitySchema } from 'typeorm';
import type { MigrationClass } from './shared/database/data-source';
import type { ProjectionHandler } from './shared/projections';
import { partnersCapability } from './partners/partners.capability';
import { clientsCapability } from './clients/clients.capability';
import { intakeCapability } from './intake/intake.capability';
import { referralCapability } from './referral/referral.capability';
import { impactCapability } from './impact/impact.capability';

/** What a capability contributes to the app: its Nest module, its read-model schema and its projections. */
export interface Capability {
  readonly module: Type;
  readonly migrations: readonly MigrationClass[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
  readonly entities: readonly (Function | EntitySchema)[];
  readonly projections: readonly ProjectionHandler[];
}

/** Every capability, in dependency order. Each issue that adds one adds it here. */
export const capabilities: readonly Capability[] = [
  partnersCapability,
  clientsCapability,
  intakeCapability,
  referralCapability,
  impactCapability,
];
