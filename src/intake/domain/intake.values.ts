/**
 * The closed vocabularies of the intake trajectory (docs/domain.md, capability 2). Codes are stable forever: events,
 * read models and the impact indicators store them. Life domains are the partners' `LIFE_DOMAINS`.
 */

/** How the trajectory came about. */
export const INTAKE_ORIGINS = [
  /** The person came in by themselves. */
  'came_in_themselves',
  /** A partner referred the person (`referringOrganisationId`). */
  'referred_by_partner',
  /** Proactive outreach (actief armoede opsporen), with the source of the signal. */
  'proactive_signal',
  /** An eviction claim or a landlord's arrears signal (Judicial Code art. 1344ter). */
  'eviction_notice',
  'other',
] as const;
export type IntakeOrigin = (typeof INTAKE_ORIGINS)[number];

/** Where a proactive signal came from. */
export const PROACTIVE_SIGNAL_SOURCES = [
  'energy_supplier',
  'water_company',
  'social_landlord',
  'school',
  'health_insurance_fund',
  'general_practitioner',
  'municipal_service',
  'police',
  'neighbourhood_outreach',
  'data_matching',
  'other',
] as const;
export type ProactiveSignalSource = (typeof PROACTIVE_SIGNAL_SOURCES)[number];

/** Acute problems an assessment flags besides its scores. */
export const PROBLEM_FLAGS = [
  'acute_crisis',
  'no_income',
  'homelessness',
  'eviction_threat',
  'energy_cut_off',
  'debt_collection',
  'domestic_violence',
  'child_at_risk',
  'no_health_insurance',
  'residence_status_issue',
] as const;
export type ProblemFlag = (typeof PROBLEM_FLAGS)[number];

/** Scores in the style of the self-reliance matrix: 1 acute problems … 5 fully self-reliant. */
export const LIFE_DOMAIN_SCORE_MIN = 1;
export const LIFE_DOMAIN_SCORE_MAX = 5;

/** Why a need cannot be answered now (niet-toeleidbaar); the thresholds (drempels) are how GBO signals barriers. */
export const UNMET_NEED_REASONS = [
  'no_suitable_offer',
  'waiting_list',
  'not_eligible',
  'cost_threshold',
  'mobility_threshold',
  'language_threshold',
  'digital_threshold',
  'other',
] as const;
export type UnmetNeedReason = (typeof UNMET_NEED_REASONS)[number];

/** Why a right was refused. */
export const RIGHT_REFUSAL_REASONS = ['not_eligible', 'incomplete_application', 'income_too_high', 'other'] as const;
export type RightRefusalReason = (typeof RIGHT_REFUSAL_REASONS)[number];

/** Why responsibility moved to another organisation. */
export const TRANSFER_REASONS = ['moved_municipality', 'kracht_wonen', 'better_placed_partner', 'other'] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];

/** How a trajectory ended. */
export const INTAKE_OUTCOMES = [
  'question_answered',
  'referred_on',
  'rights_realised',
  'stopped_by_person',
  'no_contact',
  'moved_away',
] as const;
export type IntakeOutcome = (typeof INTAKE_OUTCOMES)[number];

/**
 * What closing a trajectory does with the referrals sent from it that are still open: `keep` them as they are
 * (explicitly: without it, a closure with open referrals is refused, docs/adr/0026).
 */
export const OPEN_REFERRAL_CHOICES = ['keep'] as const;
export type OpenReferralChoice = (typeof OPEN_REFERRAL_CHOICES)[number];
