/**
 * The public surface of the intake capability: what other capabilities may import. Events and their decoder (to
 * project them: `decodeIntakeEvent`, never a cast), the stream category and the vocabularies, and `IntakeModule`
 * with its stream reader (inject it after importing the module):
 *
 * - `TrajectorySnapshots.find(trajectoryId)` (from the trajectory's stream, so transfers and closures count at
 *   once): the person, the responsible organisation, the caseworker, open or closed, when it was opened, and the
 *   needs recorded.
 * - `INTAKE_TRAJECTORIES_PROJECTION`: the read model that shows a trajectory's referrals, which a referral's sending
 *   waits for, so that closing the trajectory right after it sees the referral open (docs/adr/0026).
 */
export { IntakeModule } from './intake.module';
export { type IntakeTrajectorySnapshot, TrajectorySnapshots } from './trajectory-snapshot/trajectory-snapshots';
export { INTAKE_TRAJECTORIES_PROJECTION } from './intake-trajectories/intake-trajectories.projection';
export { decodeIntakeEvent } from './domain/intake.decoder';
export * from './domain/intake.events';
export * from './domain/intake.values';
