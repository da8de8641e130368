import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { CommandResult } from '../../shared/commands/command-executor';
import type { ConversationState } from '../domain/referral-conversation.decider';

/** The caller's organisation read the conversation on a referral: its messages so far are read (docs/adr/0029). */
export class MarkConversationRead extends Command<CommandResult<ConversationState>> {
  constructor(
    readonly caller: Caller,
    readonly referralId: string,
  ) {
    super();
  }
}
