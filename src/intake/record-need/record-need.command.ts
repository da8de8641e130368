import { TrajectoryCommand } from '../common/trajectory-command';

/** Record a need found at intake. */
export class RecordNeed extends TrajectoryCommand {}
