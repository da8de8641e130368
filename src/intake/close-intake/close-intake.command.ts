import { TrajectoryCommand } from '../common/trajectory-command';

/** Close the trajectory with its outcome. */
export class CloseIntake extends TrajectoryCommand {}
