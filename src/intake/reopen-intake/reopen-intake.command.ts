import { TrajectoryCommand } from '../common/trajectory-command';

/** Reopen a closed trajectory. */
export class ReopenIntake extends TrajectoryCommand {}
