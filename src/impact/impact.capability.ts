import type { Capability } from '../shared/capability';
import { ImpactAnalystAccess1765065600001 } from './analyst-access/analyst-access.migration';
import { ImpactPublishedCells1765065600022 } from './analyst-access/published-cells.migration';
import { ImpactFacts1765065600000 } from './facts/impact-facts.migration';
import { impactFactsProjection } from './facts/impact-facts.projection';
import { ImpactModule } from './impact.module';

/** The impact capability as the composition root registers it (`src/capabilities.ts`): it reads every other one. */
export const impactCapability: Capability = {
  module: ImpactModule,
  migrations: [ImpactFacts1765065600000, ImpactAnalystAccess1765065600001, ImpactPublishedCells1765065600022],
  // The facts are written with SQL (set-based projection) and read with SQL: no TypeORM entities.
  entities: [],
  projections: [impactFactsProjection],
};
