import { TrajectoryRightCommand } from '../common/trajectory-command';

/** Record an application for an explored right. */
export class ApplyForRight extends TrajectoryRightCommand {}
