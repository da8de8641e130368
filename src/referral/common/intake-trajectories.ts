import { Injectable } from '@nestjs/common';
import { TrajectorySnapshots } from '../../intake';
import type { SendingTrajectory } from '../domain/referral.decider';

/**
 * The intake trajectory a referral is sent from (who is responsible for it now, open or closed, its needs), as the
 * intake capability answers it from the trajectory's stream: a closure or a transfer counts at once.
 */
@Injectable()
export class IntakeTrajectories {
  constructor(private readonly intake: TrajectorySnapshots) {}

  async find(trajectoryId: string): Promise<SendingTrajectory | undefined> {
    const snapshot = await this.intake.find(trajectoryId);
    return (
      snapshot && {
        trajectoryId: snapshot.trajectoryId,
        clientId: snapshot.clientId,
        organisationId: snapshot.organisationId,
        status: snapshot.status,
        openedOn: snapshot.openedOn,
        needs: snapshot.needs,
      }
    );
  }
}
