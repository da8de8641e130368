/** Vocabularies of the clients capability. Stable values: they are stored in events. */

/** The household's main source of income, as an intake records it (docs/domain.md: equity cuts by income source). */
export const INCOME_SOURCES = [
  'employment',
  'self_employment',
  'unemployment_benefit',
  'sickness_or_disability_benefit',
  'pension',
  'social_integration_income',
  'equivalent_social_assistance',
  'other_benefit',
  'no_income',
  'unknown',
] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

/**
 * What a consent allows:
 * - `share_with_organisation`: the named organisation may see the person;
 * - `share_for_referrals`: the person's data may travel with a referral to a partner in the region;
 * - `reporting`: the person may be counted in impact measurement.
 */
export const CONSENT_SCOPES = ['share_with_organisation', 'share_for_referrals', 'reporting'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export const MAX_HOUSEHOLD_MEMBERS = 30;
export const MAX_NAME_LENGTH = 100;
