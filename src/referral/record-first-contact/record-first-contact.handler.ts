import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WrittenReferral } from '../common/referral-step.command';
import { ReferralSteps } from '../common/referral-steps';
import { StepRequest } from '../common/step.request';
import { RecordFirstContact } from './record-first-contact.command';

@CommandHandler(RecordFirstContact)
export class RecordFirstContactHandler implements ICommandHandler<RecordFirstContact> {
  constructor(private readonly steps: ReferralSteps) {}

  execute(command: RecordFirstContact): Promise<WrittenReferral> {
    return this.steps.take(command, StepRequest, (_request, context) => ({
      type: 'RecordFirstContact',
      ...context.dated,
    }));
  }
}
