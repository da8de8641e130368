import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { forbidden } from '../../shared/auth/access-problems';
import type { ConversationView } from '../common/conversation.view';
import { ReferralAccess } from '../common/referral-access';
import { ReferralConversations } from '../common/referral-conversations';
import { ReferralStreams } from '../common/referral-streams';
import { ReadConversation } from './read-conversation.query';

@QueryHandler(ReadConversation)
export class ReadConversationHandler implements IQueryHandler<ReadConversation> {
  constructor(
    private readonly streams: ReferralStreams,
    private readonly access: ReferralAccess,
    private readonly conversations: ReferralConversations,
  ) {}

  async execute({ caller, referralId }: ReadConversation): Promise<ConversationView> {
    const { state } = await this.streams.existing(referralId);
    const party = this.access.partyOf(caller.user, state, caller.accessLog);
    if (party === 'coordinator') throw forbidden();
    return this.conversations.view(state, party);
  }
}
