import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandResult } from '../../shared/commands/command-executor';
import { ReferralAccess } from '../common/referral-access';
import { ReferralConversations } from '../common/referral-conversations';
import { ReferralStreams } from '../common/referral-streams';
import type { ConversationState } from '../domain/referral-conversation.decider';
import { MarkConversationRead } from './mark-conversation-read.command';

@CommandHandler(MarkConversationRead)
export class MarkConversationReadHandler implements ICommandHandler<MarkConversationRead> {
  constructor(
    private readonly streams: ReferralStreams,
    private readonly access: ReferralAccess,
    private readonly conversations: ReferralConversations,
  ) {}

  async execute({ caller, referralId }: MarkConversationRead): Promise<CommandResult<ConversationState>> {
    const { state } = await this.streams.existing(referralId);
    this.access.partyOf(caller.user, state, caller.accessLog);
    return this.conversations.execute(
      referralId,
      {
        type: 'MarkReferralConversationRead',
        referral: await this.conversations.referralOf(state),
        actorOrganisationId: caller.user.organisationId,
      },
      caller,
    );
  }
}
