import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { PersonTrajectoriesView } from './person-trajectory.view';

/** The trajectories of one person that the caller's organisation may read (docs/adr/0028). */
export class ListPersonTrajectories extends Query<PersonTrajectoriesView> {
  constructor(
    readonly caller: Caller,
    readonly clientId: string,
  ) {
    super();
  }
}
