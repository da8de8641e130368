import { TrajectoryRightCommand } from '../common/trajectory-command';

/** Record that a right was refused. */
export class RefuseRight extends TrajectoryRightCommand {}
