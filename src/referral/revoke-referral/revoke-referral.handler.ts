import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WrittenReferral } from '../common/referral-step.command';
import { ReferralSteps } from '../common/referral-steps';
import { RevokeReferral } from './revoke-referral.command';
import { RevokeReferralRequest } from './revoke-referral.request';

@CommandHandler(RevokeReferral)
export class RevokeReferralHandler implements ICommandHandler<RevokeReferral> {
  constructor(private readonly steps: ReferralSteps) {}

  execute(command: RevokeReferral): Promise<WrittenReferral> {
    return this.steps.take(
      command,
      RevokeReferralRequest,
      (request, context) => ({
        type: 'RevokeReferral',
        ...context.dated,
        asCoordinator: context.asCoordinator,
        reason: request.reason,
      }),
      // Coordinators revoke region-wide, seeing nothing personal.
      { coordinatorAdmitted: true },
    );
  }
}
