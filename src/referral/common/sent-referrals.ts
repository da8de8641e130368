import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { PendingAccessLogEntry } from '../../shared/auth';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import type { CommandContext } from '../../shared/commands/command-executor';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { setEtag } from '../../shared/http/command-headers';
import type { InvalidFields } from '../../shared/http/request-validation';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { REFERRALS_PROJECTION } from '../referral-register/referrals.projection';
import { SendReferralHandler, type SendReferralInput } from '../send-referral/send-referral.handler';
import type { ReferralTargetRequest } from '../send-referral/send-referral.request';
import { ReferralAccess } from './referral-access';
import type { ReferralView } from './referral.view';

/**
 * The HTTP end of sending (first time or again): runs the handler, logs the person, waits for the read model and
 * answers 201 with the new referral as its sender sees it.
 */
@Injectable()
export class SentReferrals {
  constructor(
    private readonly handler: SendReferralHandler,
    private readonly access: ReferralAccess,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async send(
    input: SendReferralInput,
    user: AuthenticatedUser,
    context: CommandContext,
    entry: PendingAccessLogEntry,
    reply: FastifyReply,
  ): Promise<ReferralView> {
    const { referralId, result } = await this.handler.execute(input, user, context, entry);
    await this.readYourWrites.waitFor(result, [REFERRALS_PROJECTION]);
    if (result.state.status === 'none') throw new Error('A sent referral left no referral');
    setEtag(reply, result.revision);
    void reply.header('location', `/referrals/${referralId}`);
    return this.access.view(result.state, result.revision, 'sender');
  }
}

/** A note shares the person: an anonymous signal (`consentBasis: none`) carries none. */
export function noteProblems(request: ReferralTargetRequest, invalid: InvalidFields): FieldProblem[] {
  if (invalid.ok('note') && invalid.ok('consentBasis') && request.consentBasis === 'none' && request.note) {
    return [{ field: 'note', message: 'note is not allowed with consentBasis none' }];
  }
  return [];
}
