import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { CommandResult } from '../../shared/commands/command-executor';
import type { ConversationState } from '../domain/referral-conversation.decider';
import type { MessageView } from '../common/conversation.view';

export interface PostedMessage {
  readonly message: MessageView;
  readonly result: CommandResult<ConversationState>;
}

/** Write a message to the other organisation of a referral; the body is validated once the caller is a party. */
export class PostReferralMessage extends Command<PostedMessage> {
  constructor(
    readonly caller: Caller,
    readonly referralId: string,
    readonly body: unknown,
  ) {
    super();
  }
}
