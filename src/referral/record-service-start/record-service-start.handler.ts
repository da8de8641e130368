import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WrittenReferral } from '../common/referral-step.command';
import { ReferralSteps } from '../common/referral-steps';
import { StepRequest } from '../common/step.request';
import { RecordServiceStart } from './record-service-start.command';

@CommandHandler(RecordServiceStart)
export class RecordServiceStartHandler implements ICommandHandler<RecordServiceStart> {
  constructor(private readonly steps: ReferralSteps) {}

  execute(command: RecordServiceStart): Promise<WrittenReferral> {
    return this.steps.take(command, StepRequest, (_request, context) => ({
      type: 'RecordServiceStart',
      ...context.dated,
    }));
  }
}
