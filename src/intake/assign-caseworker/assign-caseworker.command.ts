import { TrajectoryCommand } from '../common/trajectory-command';

/** Assign or reassign the caseworker. */
export class AssignCaseworker extends TrajectoryCommand {}
