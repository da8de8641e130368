import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WrittenReferral } from '../common/referral-step.command';
import { ReferralSteps } from '../common/referral-steps';
import { DropReferralRequest } from './drop-referral.request';
import { DropReferral } from './drop-referral.command';

@CommandHandler(DropReferral)
export class DropReferralHandler implements ICommandHandler<DropReferral> {
  constructor(private readonly steps: ReferralSteps) {}

  execute(command: DropReferral): Promise<WrittenReferral> {
    return this.steps.take(command, DropReferralRequest, (request, context) => ({
      type: 'DropReferral',
      ...context.dated,
      droppedBy: request.droppedBy,
      reason: request.reason,
    }));
  }
}
