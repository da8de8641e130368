import { TrajectoryCommand } from '../common/trajectory-command';

/** Assess life domains: a baseline or a follow-up. */
export class AssessLifeDomains extends TrajectoryCommand {}
