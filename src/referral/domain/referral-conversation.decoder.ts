import { eventDecoder, integer, object, oneOf, string } from '../../shared/domain/event-decoding';
import { sealedPersonalData as sealed } from '../../shared/domain/sealed-personal-data';
import { REFERRAL_PARTIES, type ReferralConversationEvent } from './referral-conversation.events';

const fact = { referralId: string, senderOrganisationId: string, receiverOrganisationId: string };

/** The one way a stored conversation event becomes a `ReferralConversationEvent` (docs/adr/0025, 0029). */
export const decodeReferralConversationEvent = eventDecoder<ReferralConversationEvent>({
  ReferralMessagePosted: object({
    ...fact,
    messageId: string,
    postedBy: oneOf(...REFERRAL_PARTIES),
    text: sealed,
    postedAt: string,
  }),
  ReferralConversationRead: object({ ...fact, readBy: oneOf(...REFERRAL_PARTIES), readUpTo: integer }),
});
