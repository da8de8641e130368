import type { RecordedEvent } from '../../shared/event-store';
import { defineRowProjection } from '../../shared/projections';
import { decodeReferralConversationEvent } from '../domain/referral-conversation.decoder';
import { REFERRAL_CONVERSATION_EVENT_TYPES } from '../domain/referral-conversation.events';
import { ReferralConversationRow } from './referral-conversation.row';

export const REFERRAL_CONVERSATIONS_PROJECTION = 'referral.conversations';

export const referralConversationsProjection = defineRowProjection<ReferralConversationRow>({
  name: REFERRAL_CONVERSATIONS_PROJECTION,
  version: 1,
  entity: ReferralConversationRow,
  eventTypes: REFERRAL_CONVERSATION_EVENT_TYPES,
  keyOf: (event) => decodeReferralConversationEvent(event).data.referralId,
  evolve(current, recorded: RecordedEvent) {
    const event = decodeReferralConversationEvent(recorded);
    const { data } = event;
    const row = current ?? {
      referralId: data.referralId,
      senderOrganisationId: data.senderOrganisationId,
      receiverOrganisationId: data.receiverOrganisationId,
      messages: 0,
      forSender: 0,
      readBySender: 0,
      forReceiver: 0,
      readByReceiver: 0,
      lastMessageAt: null,
      revision: recorded.revision,
    };
    const moved = { revision: recorded.revision };
    switch (event.type) {
      case 'ReferralMessagePosted':
        // The text is sealed free text: it stays in the event.
        return {
          ...row,
          ...moved,
          messages: row.messages + 1,
          forSender: row.forSender + (event.data.postedBy === 'receiver' ? 1 : 0),
          forReceiver: row.forReceiver + (event.data.postedBy === 'sender' ? 1 : 0),
          lastMessageAt: new Date(event.data.postedAt),
        };
      case 'ReferralConversationRead':
        return event.data.readBy === 'sender'
          ? { ...row, ...moved, readBySender: Math.max(row.readBySender, event.data.readUpTo) }
          : { ...row, ...moved, readByReceiver: Math.max(row.readByReceiver, event.data.readUpTo) };
    }
  },
});
