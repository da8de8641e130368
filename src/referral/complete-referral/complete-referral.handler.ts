import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WrittenReferral } from '../common/referral-step.command';
import { ReferralSteps } from '../common/referral-steps';
import { CompleteReferralRequest } from './complete-referral.request';
import { CompleteReferral } from './complete-referral.command';

@CommandHandler(CompleteReferral)
export class CompleteReferralHandler implements ICommandHandler<CompleteReferral> {
  constructor(private readonly steps: ReferralSteps) {}

  execute(command: CompleteReferral): Promise<WrittenReferral> {
    return this.steps.take(command, CompleteReferralRequest, (request, context) => ({
      type: 'CompleteReferral',
      ...context.dated,
      outcome: request.outcome,
    }));
  }
}
