import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WrittenReferral } from '../common/referral-step.command';
import { ReferralSteps } from '../common/referral-steps';
import { StepRequest } from '../common/step.request';
import { AcceptReferral } from './accept-referral.command';

@CommandHandler(AcceptReferral)
export class AcceptReferralHandler implements ICommandHandler<AcceptReferral> {
  constructor(private readonly steps: ReferralSteps) {}

  execute(command: AcceptReferral): Promise<WrittenReferral> {
    return this.steps.take(command, StepRequest, (_request, context) => ({ type: 'AcceptReferral', ...context.dated }));
  }
}
