import type { Capability } from '../shared/capability';
import { IntakeOpenClaims1764633600001 } from './common/open-intake-claims.migration';
import { IntakeTrajectories1764633600002 } from './intake-trajectories/intake-trajectories.migration';
import { intakeTrajectoriesProjection } from './intake-trajectories/intake-trajectories.projection';
import { IntakeTrajectoryRow } from './intake-trajectories/intake-trajectory.row';
import { TrajectoryReferralRow } from './intake-trajectories/trajectory-referral.row';
import { IntakeModule } from './intake.module';

/** The intake capability as the composition root registers it (`src/capabilities.ts`). */
export const intakeCapability: Capability = {
  module: IntakeModule,
  migrations: [IntakeOpenClaims1764633600001, IntakeTrajectories1764633600002],
  entities: [IntakeTrajectoryRow, TrajectoryReferralRow],
  projections: [intakeTrajectoriesProjection],
};
