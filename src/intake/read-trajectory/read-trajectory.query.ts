import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { AsOfAxis } from './read-trajectory.request';
import type { TrajectoryView } from './trajectory.view';

/** A trajectory read, now or as of a moment: its view, and its revision when it is the current one (the ETag). */
export interface TrajectoryRead {
  readonly view: TrajectoryView;
  readonly revision?: bigint;
}

/** One trajectory in detail, for the organisation responsible for it now; as of a moment when `asOf` is given. */
export class ReadTrajectory extends Query<TrajectoryRead> {
  constructor(
    readonly caller: Caller,
    readonly trajectoryId: string,
    readonly asOf: { readonly asOf?: string; readonly axis?: AsOfAxis },
  ) {
    super();
  }
}
