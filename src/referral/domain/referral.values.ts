/**
 * The closed vocabularies of referrals (docs/domain.md, capability 3). Codes are stable forever: events, read models and
 * the impact indicators store them.
 */

/** What a consent-gated referral rests on. */
export const REFERRAL_CONSENT_BASES = [
  /** The person's `share_for_referrals` consent, valid on the day of sending. */
  'share_for_referrals',
  /** The person's `share_with_organisation` consent naming the receiving organisation. */
  'share_with_organisation',
  /** No personal data goes to the receiver: it learns only that a referral exists (an anonymous signal). */
  'none',
] as const;
export type ReferralConsentBasis = (typeof REFERRAL_CONSENT_BASES)[number];

export const DECLINE_REASONS = [
  'outside_mandate',
  'not_eligible',
  'no_capacity',
  'waiting_list',
  'already_known_elsewhere',
  'person_unreachable',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** Who dropped an accepted or started referral. */
export const DROPPED_BY = ['person', 'service'] as const;
export type DroppedBy = (typeof DROPPED_BY)[number];

export const DROP_REASONS = [
  'no_show',
  'stopped_by_person',
  'moved_away',
  'not_eligible_after_all',
  'service_ended',
  'other',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export const COMPLETION_OUTCOMES = ['need_answered', 'partly_answered', 'not_answered'] as const;
export type CompletionOutcome = (typeof COMPLETION_OUTCOMES)[number];

export const REVOCATION_REASONS = ['sent_in_error', 'need_resolved', 'consent_withdrawn', 'other'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];
