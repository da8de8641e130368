/** The life domains an intake assesses (docs/domain.md, capability 2). Intake scores
 * them, a right in the catalogue belongs to one, a referral names one: the vocabulary of every capability, so it lives
 * here rather than in one of them. Codes are stable forever. */
export const LIFE_DOMAINS = [
  'finances',
  'debts',
  'housing',
  'energy',
  'work_and_education',
  'health',
  'mental_health',
  'social_network',
  'mobility',
  'leisure',
  'administration',
  'family',
] as const;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];
