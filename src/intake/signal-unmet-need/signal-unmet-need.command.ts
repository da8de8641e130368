import { TrajectoryCommand } from '../common/trajectory-command';

/** Signal a need no partner can answer now. */
export class SignalUnmetNeed extends TrajectoryCommand {}
