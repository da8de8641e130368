import { TrajectoryCommand } from '../common/trajectory-command';

/** Explore a right of the rights catalogue for the person. */
export class ExploreRight extends TrajectoryCommand {}
