import { TrajectoryCommand } from '../common/trajectory-command';

/** Hand the trajectory to another organisation. */
export class TransferResponsibility extends TrajectoryCommand {}
