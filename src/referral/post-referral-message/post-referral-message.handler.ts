import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newResourceId } from '../../shared/commands/command-executor';
import { validateRequest } from '../../shared/commands/request-validation';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { ReferralAccess } from '../common/referral-access';
import { ReferralConversations } from '../common/referral-conversations';
import { ReferralNotes } from '../common/referral-notes';
import { ReferralStreams } from '../common/referral-streams';
import { REFERRAL_MESSAGE_CONTEXT } from '../domain/referral-conversation.events';
import { PostedMessage, PostReferralMessage } from './post-referral-message.command';
import { PostReferralMessageRequest } from './post-referral-message.request';

@CommandHandler(PostReferralMessage)
export class PostReferralMessageHandler implements ICommandHandler<PostReferralMessage> {
  constructor(
    private readonly streams: ReferralStreams,
    private readonly access: ReferralAccess,
    private readonly conversations: ReferralConversations,
    private readonly notes: ReferralNotes,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, referralId, body }: PostReferralMessage): Promise<PostedMessage> {
    // Who may write comes first: a caller of a third organisation gets 403 whatever the body, and nothing is written.
    const { state } = await this.streams.existing(referralId);
    const party = this.access.partyOf(caller.user, state, caller.accessLog);
    if (party === 'coordinator') throw new Error('A coordinator is never admitted to a conversation');
    const request = await validateRequest(PostReferralMessageRequest, body);
    const messageId = newResourceId(caller.envelope, 'referralMessage');
    const result = await this.conversations.execute(
      referralId,
      {
        type: 'PostReferralMessage',
        referral: await this.conversations.referralOf(state),
        messageId,
        actorOrganisationId: caller.user.organisationId,
        // Sealed with the person's key: erasing them makes it unreadable.
        text: (await this.notes.seal(state.sent.clientId, REFERRAL_MESSAGE_CONTEXT, request.text))!,
        postedAt: this.clock.now().toISOString(),
      },
      caller,
    );
    // Read back, so that a retry with the same key answers the message as first stored.
    const conversation = await this.conversations.view(state, party);
    const message = conversation.messages.find((candidate) => candidate.messageId === messageId);
    if (message === undefined) throw new Error('A posted message is not in its conversation');
    return { message, result };
  }
}
