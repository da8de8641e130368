import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { validateRequest } from '../../shared/commands/request-validation';
import { ReferralAccess } from '../common/referral-access';
import { ReferralSender } from '../common/referral-sender';
import type { WrittenReferral } from '../common/referral-step.command';
import { ReferralStreams } from '../common/referral-streams';
import { noteProblems, ReferralTargetRequest } from '../send-referral/send-referral.request';
import { ReferAgain } from './refer-again.command';

@CommandHandler(ReferAgain)
export class ReferAgainHandler implements ICommandHandler<ReferAgain> {
  constructor(
    private readonly streams: ReferralStreams,
    private readonly access: ReferralAccess,
    private readonly sender: ReferralSender,
  ) {}

  async execute({ caller, referralId, body }: ReferAgain): Promise<WrittenReferral> {
    const { state } = await this.streams.existing(referralId);
    // Its two parties may learn more; the trajectory's organisation is checked by the send itself (403).
    this.access.partyOf(caller.user, state, caller.accessLog);
    const request = await validateRequest(ReferralTargetRequest, body, noteProblems);
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
        previous: { referralId: sent.referralId, status: state.status, trajectoryId: sent.trajectoryId },
      },
      caller,
    );
  }
}
