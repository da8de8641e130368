import { Injectable } from '@nestjs/common';
import { TrajectorySnapshots } from '../../intake';
import { forbidden } from '../../shared/auth/access-problems';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import type { NotedTrajectory } from '../domain/case-notes.decider';
import { intakeTrajectoryNotFound } from '../domain/casework-refusals';

/**
 * Who may write and read a trajectory's notes and tasks (docs/adr/0030): the social workers of the organisation
 * responsible for it **now**, from the trajectory's stream, so that a transfer counts at once (the sender stops
 * seeing notes). Unknown → 404; another organisation → the one 403. The person goes into the access log first.
 */
@Injectable()
export class CaseworkAccess {
  constructor(private readonly trajectories: TrajectorySnapshots) {}

  async responsibleFor(
    user: AuthenticatedUser,
    trajectoryId: string,
    accessLog: PendingAccessLogEntry,
  ): Promise<NotedTrajectory> {
    const snapshot = await this.trajectories.find(trajectoryId);
    if (!snapshot) throw intakeTrajectoryNotFound();
    accessLog.addPerson(snapshot.clientId);
    if (snapshot.organisationId !== user.organisationId) throw forbidden();
    return {
      trajectoryId: snapshot.trajectoryId,
      clientId: snapshot.clientId,
      organisationId: snapshot.organisationId,
      status: snapshot.status,
    };
  }
}
