import { TrajectoryRightCommand } from '../common/trajectory-command';

/** Record that a right was granted. */
export class GrantRight extends TrajectoryRightCommand {}
