import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OpenIntakeClaims } from '../common/open-intake-claims';
import { IntakeCommands } from '../common/intake-commands';
import type { IntakeChange } from '../common/trajectory-command';
import { TrajectoryRegister } from '../intake-trajectories/trajectory-register';
import { CloseIntake } from './close-intake.command';
import { CloseIntakeRequest } from './close-intake.request';

/**
 * A closure releases the (person, organisation) claim after it is appended (docs/adr/0014). The referrals sent from
 * the trajectory that are still open come from intake's own read model of them (`intake_trajectory_referrals`):
 * intake does not reach into the referral capability, which depends on it (docs/adr/0026).
 */
@CommandHandler(CloseIntake)
export class CloseIntakeHandler implements ICommandHandler<CloseIntake> {
  constructor(
    private readonly commands: IntakeCommands,
    private readonly claims: OpenIntakeClaims,
    private readonly register: TrajectoryRegister,
  ) {}

  execute(command: CloseIntake): Promise<IntakeChange> {
    return this.commands.run(command, {
      requestType: CloseIntakeRequest,
      decided: async ({ request, trajectory, occurredOn, today }) => ({
        type: 'CloseIntake',
        outcome: request.outcome,
        openReferralIds: await this.register.openReferralIdsOf(trajectory.trajectoryId),
        keepOpenReferrals: request.openReferrals === 'keep',
        occurredOn,
        today,
      }),
      after: ({ trajectory }) =>
        this.claims.release(trajectory.clientId, trajectory.organisationId, trajectory.trajectoryId),
    });
  }
}
