import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReferralAccess } from '../common/referral-access';
import { ReferralStreams } from '../common/referral-streams';
import type { ReferralView } from '../common/referral.view';
import { ReadReferral } from './read-referral.query';

@QueryHandler(ReadReferral)
export class ReadReferralHandler implements IQueryHandler<ReadReferral> {
  constructor(
    private readonly streams: ReferralStreams,
    private readonly access: ReferralAccess,
  ) {}

  async execute({ caller, referralId }: ReadReferral): Promise<ReferralView> {
    const { state, revision } = await this.streams.existing(referralId);
    // Coordinators, who may revoke any referral of the region, read it without anything personal (docs/adr/0026).
    const party = this.access.partyOf(caller.user, state, caller.accessLog, true);
    return this.access.view(state, revision, party);
  }
}
