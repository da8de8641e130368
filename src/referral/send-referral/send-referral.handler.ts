import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { validateRequest } from '../../shared/commands/request-validation';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { ReferralSender } from '../common/referral-sender';
import type { WrittenReferral } from '../common/referral-step.command';
import { SendReferral } from './send-referral.command';
import { sendingChecks, SendReferralRequest } from './send-referral.request';

@CommandHandler(SendReferral)
export class SendReferralHandler implements ICommandHandler<SendReferral> {
  constructor(
    private readonly sender: ReferralSender,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, body }: SendReferral): Promise<WrittenReferral> {
    const request = await validateRequest(SendReferralRequest, body, sendingChecks(today(this.clock)));
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
        occurredOn: request.occurredOn ?? null,
        previous: null,
      },
      caller,
    );
  }
}
