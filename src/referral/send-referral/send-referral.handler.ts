import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { validateRequest } from '../../shared/commands/request-validation';
import { ReferralSender } from '../common/referral-sender';
import type { WrittenReferral } from '../common/referral-step.command';
import { SendReferral } from './send-referral.command';
import { noteProblems, SendReferralRequest } from './send-referral.request';

@CommandHandler(SendReferral)
export class SendReferralHandler implements ICommandHandler<SendReferral> {
  constructor(private readonly sender: ReferralSender) {}

  async execute({ caller, body }: SendReferral): Promise<WrittenReferral> {
    const request = await validateRequest(SendReferralRequest, body, noteProblems);
    return this.sender.send(
      {
        trajectoryId: request.trajectoryId,
        toOrganisationId: request.toOrganisationId,
        service: request.service ?? null,
        lifeDomain: request.lifeDomain,
        needId: request.needId ?? null,
        warm: request.warm ?? false,
        note: request.note ?? null,
        consentBasis: request.consentBasis,
        previous: null,
      },
      caller,
    );
  }
}
