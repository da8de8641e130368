/**
 * The public surface of the referral capability: what other capabilities may import. Events (to project them), the
 * stream category and the vocabularies.
 */
export * from './domain/referral.events';
export * from './domain/referral.values';
