/**
 * The public surface of the referral capability: what other capabilities may import. Events (to project them), the
 * stream category, the vocabularies and the decoder of stored referral events.
 */
export * from './domain/referral.events';
export * from './domain/referral.values';
export { decodeReferralEvent } from './domain/referral.decoder';
export * from './domain/referral-conversation.events';
export { decodeReferralConversationEvent } from './domain/referral-conversation.decoder';
