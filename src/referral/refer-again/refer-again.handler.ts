import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { validateRequest } from '../../shared/commands/request-validation';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { ReferralAccess } from '../common/referral-access';
import { ReferralSender } from '../common/referral-sender';
import type { WrittenReferral } from '../common/referral-step.command';
import { ReferralStreams } from '../common/referral-streams';
import { ReferralTargetRequest, sendingChecks } from '../send-referral/send-referral.request';
import { ReferAgain } from './refer-again.command';

@CommandHandler(ReferAgain)
export class ReferAgainHandler implements ICommandHandler<ReferAgain> {
  constructor(
    private readonly streams: ReferralStreams,
    private readonly access: ReferralAccess,
    private readonly sender: ReferralSender,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, referralId, body }: ReferAgain): Promise<WrittenReferral> {
    const { state } = await this.streams.existing(referralId);
    // Its two parties may learn more; the trajectory's organisation is checked by the send itself (403).
    this.access.partyOf(caller.user, state, caller.accessLog);
    const request = await validateRequest(ReferralTargetRequest, body, sendingChecks(today(this.clock)));
    const { sent } = state;
    return this.sender.send(
      {
        trajectoryId: sent.trajectoryId,
        toOrganisationId: request.toOrganisationId,
        service: request.service ?? null,
        lifeDomain: sent.lifeDomain,
        needId: sent.needId,
        warm: request.warm ?? false,
        note: request.note ?? null,
        consentBasis: request.consentBasis,
        occurredOn: request.occurredOn ?? null,
        previous: { referralId: sent.referralId, status: state.status, trajectoryId: sent.trajectoryId },
      },
      caller,
    );
  }
}
