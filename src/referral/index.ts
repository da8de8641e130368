/**
 * The public surface of the referral capability: what other capabilities may import. Events (to project them), the
 * stream category, the vocabularies and the decoder of stored referral events, and `handOffFactsOf(events)`: whether
 * a referral is open and whom it sends to whom, for the intake opened from its warm hand-off (docs/adr/0028).
 */
export * from './domain/referral.events';
export * from './domain/referral.values';
export { decodeReferralEvent } from './domain/referral.decoder';
export { handOffFactsOf, OPEN_REFERRAL_STATUSES, type ReferralHandOffFacts } from './domain/referral.decider';
export * from './domain/referral-conversation.events';
export { decodeReferralConversationEvent } from './domain/referral-conversation.decoder';
