import type { DomainEvent } from '../../shared/domain/domain-event';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';

/** Which of a referral's two organisations: the one that sent it or the one it was sent to. */
export const REFERRAL_PARTIES = ['sender', 'receiver'] as const;
export type ReferralPartySide = (typeof REFERRAL_PARTIES)[number];

/**
 * The conversation on one referral between its two organisations, stream `referralConversation-<referralId>`: a
 * stream of its own, so that a message never conflicts with a step of the referral (docs/adr/0029). The text is
 * sealed with the person's key (subject id = the referral's `clientId`), so erasure reaches it. Both organisations'
 * ids are on every event so that a read model needs no other stream to know whom a message is for.
 */
interface ConversationFact {
  readonly referralId: string;
  readonly senderOrganisationId: string;
  readonly receiverOrganisationId: string;
}

export type ReferralMessagePosted = DomainEvent<
  'ReferralMessagePosted',
  ConversationFact & {
    readonly messageId: string;
    /** The side that wrote it; the message is for the other one. */
    readonly postedBy: ReferralPartySide;
    readonly text: SealedPersonalData;
    /** ISO-8601 UTC, from the command. */
    readonly postedAt: string;
  }
>;

/** One organisation read the conversation: every message for it up to the `readUpTo`-th is read (per organisation). */
export type ReferralConversationRead = DomainEvent<
  'ReferralConversationRead',
  ConversationFact & { readonly readBy: ReferralPartySide; readonly readUpTo: number }
>;

export type ReferralConversationEvent = ReferralMessagePosted | ReferralConversationRead;

export const REFERRAL_CONVERSATION_EVENT_TYPES = [
  'ReferralMessagePosted',
  'ReferralConversationRead',
] as const satisfies readonly ReferralConversationEvent['type'][];

/** Stream category: `referralConversation-<referralId>`. */
export const REFERRAL_CONVERSATION_CATEGORY = 'referralConversation';

export const REFERRAL_MESSAGE_CONTEXT = 'referral.message';
