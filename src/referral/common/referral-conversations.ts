import { Inject, Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandResult } from '../../shared/commands/command-executor';
import type { Caller } from '../../shared/commands/caller';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { foldEvents } from '../../shared/domain/decider';
import type { KnownReferral } from '../domain/referral.decider';
import {
  type ConversationReferral,
  type ConversationState,
  referralConversationDecider,
  type ReferralConversationCommand,
  unreadBy,
} from '../domain/referral-conversation.decider';
import { decodeReferralConversationEvent } from '../domain/referral-conversation.decoder';
import { REFERRAL_MESSAGE_CONTEXT, type ReferralPartySide } from '../domain/referral-conversation.events';
import type { ConversationView } from './conversation.view';
import type { ReferralParty } from './referral-access';
import { ReferralConsents } from './referral-consents';
import { ReferralNotes } from './referral-notes';
import { referralConversationStream, ReferralStreams } from './referral-streams';

/**
 * The conversation on a referral between its two organisations (docs/adr/0029): who writes to whom, whether the
 * person is shared with the receiver now, the commands on its stream and the view of it, texts opened per request.
 */
@Injectable()
export class ReferralConversations {
  constructor(
    private readonly streams: ReferralStreams,
    private readonly consents: ReferralConsents,
    private readonly notes: ReferralNotes,
    private readonly executor: CommandExecutor,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The referral as its conversation's commands need it. */
  async referralOf(state: KnownReferral): Promise<ConversationReferral> {
    const { sent } = state;
    return {
      referralId: sent.referralId,
      senderOrganisationId: sent.fromOrganisationId,
      receiverOrganisationId: sent.toOrganisationId,
      personalDataShared: await this.consents.stillShared(sent, this.clock.now()),
    };
  }

  /** Decide and append one command on the conversation's stream, with the caller's envelope. */
  execute(
    referralId: string,
    command: ReferralConversationCommand,
    caller: Caller,
  ): Promise<CommandResult<ConversationState>> {
    return this.executor.execute(
      referralConversationStream(referralId),
      referralConversationDecider,
      command,
      caller.envelope,
      decodeReferralConversationEvent,
    );
  }

  /** The conversation as `party` (one of the two organisations) sees it. */
  async view(state: KnownReferral, party: Exclude<ReferralParty, 'coordinator'>): Promise<ConversationView> {
    const { sent } = state;
    const recorded = await this.streams.conversationRecorded(sent.referralId);
    const events = recorded.map(decodeReferralConversationEvent);
    const side: ReferralPartySide = party;
    // The receiver reads the person's data only while the consent the referral rests on holds, as the note.
    const readable = side === 'sender' || (await this.consents.stillShared(sent, this.clock.now()));
    const messages = [];
    for (const event of events) {
      if (event.type !== 'ReferralMessagePosted') continue;
      const { data } = event;
      messages.push({
        messageId: data.messageId,
        postedBy: data.postedBy,
        fromOrganisationId: data.postedBy === 'sender' ? data.senderOrganisationId : data.receiverOrganisationId,
        postedAt: data.postedAt,
        text: readable ? await this.notes.open(sent.clientId, REFERRAL_MESSAGE_CONTEXT, data.text) : null,
      });
    }
    return {
      referralId: sent.referralId,
      unread: unreadBy(foldEvents(referralConversationDecider, events), side),
      messages,
      revision: Number(recorded.at(-1)?.revision ?? -1n),
    };
  }
}
