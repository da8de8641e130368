/**
 * The public surface of the intake capability: what other capabilities may import. Events (to project them), the
 * stream category and the vocabularies, and `IntakeModule` with its query (inject it after importing the module):
 *
 * - `IntakeTrajectoryQuery.find(trajectoryId)` (from the trajectory's stream, so transfers and closures count at
 *   once): the person, the responsible organisation, the caseworker, open or closed, and the needs recorded.
 */
export { IntakeModule } from './intake.module';
export { IntakeTrajectoryQuery, type IntakeTrajectorySnapshot } from './trajectory-snapshot/intake-trajectory.query';
export * from './domain/intake.events';
export * from './domain/intake.values';
