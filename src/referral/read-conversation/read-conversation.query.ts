import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { ConversationView } from '../common/conversation.view';

/** The conversation on a referral, for one of its two organisations, texts opened for this answer. */
export class ReadConversation extends Query<ConversationView> {
  constructor(
    readonly caller: Caller,
    readonly referralId: string,
  ) {
    super();
  }
}
