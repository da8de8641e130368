import { LIFE_DOMAINS } from '../../shared/domain/life-domains';
import { UNMET_NEED_REASONS } from '../../intake';
import { DECLINE_REASONS } from '../../referral';

/** How a cell's figure is made from its observations (one observation per person, intake, referral, ...). */
export type Aggregate =
  /** Distinct people per 1,000 inhabitants of the municipality (population on 1 January). */
  | 'per_1000_inhabitants'
  /** Observations that meet the indicator's condition, as a fraction of all observations (0 to 1). */
  | 'share'
  /** The number of observations. */
  | 'count'
  /** The mean of the observations' measure. */
  | 'mean'
  /** The median and 90th percentile of the observations' measure (two cells: `median` and `p90`). */
  | 'median_p90';

export type Unit = 'per_1000_inhabitants' | 'share' | 'count' | 'days' | 'rights_per_intake' | 'score_points';

/** What one observation is, and so what a cell's `base` counts. */
export type Observation = 'people' | 'intakes' | 'rights' | 'referrals' | 'unmet_needs' | 'trajectory_domains';

/**
 * A breakdown splits each municipality's figure into categories. `total`: the categories are disjoint and add up to
 * the base, so each row gets an `all` cell (and suppression works along the row too).
 */
export interface Breakdown {
  readonly name: string;
  /** Fixed codes, or `dynamic`: the categories found in the data (organisation pairs). */
  readonly categories: readonly string[] | 'dynamic';
  readonly total: boolean;
}

export interface IndicatorDefinition {
  /** Stable forever: URLs, CSV files and analysts' reports name it. */
  readonly code: string;
  /** Raised whenever the definition changes what the figures mean (docs/analysts.md, "Versions"). */
  readonly version: number;
  readonly title: string;
  readonly unit: Unit;
  readonly aggregate: Aggregate;
  readonly observation: Observation;
  /** The definition in words: what is counted, on which date, attributed where. */
  readonly definition: string;
  /** What `organisationId` filters on. */
  readonly organisationFilter: string;
  readonly breakdown: Breakdown | null;
  /** Decimals the value is rounded to. */
  readonly decimals: number;
}

/** The category of the cells that total a breakdown. */
export const ALL_CATEGORIES = 'all';
/** The categories of a `median_p90` indicator. */
export const STATISTICS = ['median', 'p90'] as const;

/** The consent and residence rules, on the date the indicator counts on. */
function counted(date = 'that date'): string {
  return (
    `Counted only when the person has a reporting consent valid on ${date}, and attributed to the municipality ` +
    `where the person lived on ${date}.`
  );
}
const INTAKE_COHORT = 'Intakes opened in the period (the date the intake was opened).';
const REFERRAL_COHORT = 'Referrals sent in the period, followed up to now (or to `asOf`).';
const BY_INTAKE_ORGANISATION = 'the organisation that opened the intake';
const BY_EITHER_PARTNER = 'the sending or the receiving organisation';

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: 'reach_per_1000',
    version: 1,
    title: 'Reach per 1,000 inhabitants',
    unit: 'per_1000_inhabitants',
    aggregate: 'per_1000_inhabitants',
    observation: 'people',
    definition:
      'Distinct people with at least one intake opened in the period, per 1,000 inhabitants (population on 1 ' +
      "January of the period's year, or the latest earlier year recorded). A person counts once per period, on the " +
      `date of their first countable intake in it. ${counted()} The region's figure is its people over the summed ` +
      'populations, and none when a municipality with people has no population figure.',
    organisationFilter: BY_INTAKE_ORGANISATION,
    breakdown: null,
    decimals: 2,
  },
  {
    code: 'first_time_share',
    version: 1,
    title: 'First-time share of the people reached',
    unit: 'share',
    aggregate: 'share',
    observation: 'people',
    definition:
      'Of the people reached in the period (as in reach_per_1000), the share whose first intake in the period had ' +
      'no intake of the same person (at any organisation) opened in the 24 months before it. ' +
      counted(),
    organisationFilter: BY_INTAKE_ORGANISATION,
    breakdown: null,
    decimals: 4,
  },
  {
    code: 'proactive_share',
    version: 1,
    title: 'Proactive share of intakes',
    unit: 'share',
    aggregate: 'share',
    observation: 'intakes',
    definition: `${INTAKE_COHORT} The share whose origin is a proactive signal (actief armoede opsporen). ${counted()}`,
    organisationFilter: BY_INTAKE_ORGANISATION,
    breakdown: null,
    decimals: 4,
  },
  {
    code: 'rights_explored_per_intake',
    version: 1,
    title: 'Rights explored per intake',
    unit: 'rights_per_intake',
    aggregate: 'mean',
    observation: 'intakes',
    definition: `${INTAKE_COHORT} The mean number of distinct rights explored in those intakes so far. ${counted()}`,
    organisationFilter: BY_INTAKE_ORGANISATION,
    breakdown: null,
    decimals: 2,
  },
  {
    code: 'rights_granted_per_intake',
    version: 1,
    title: 'Rights granted per intake',
    unit: 'rights_per_intake',
    aggregate: 'mean',
    observation: 'intakes',
    definition: `${INTAKE_COHORT} The mean number of distinct rights granted in those intakes so far. ${counted()}`,
    organisationFilter: BY_INTAKE_ORGANISATION,
    breakdown: null,
    decimals: 2,
  },
  {
    code: 'days_explored_to_granted',
    version: 1,
    title: 'Days from a right explored to granted',
    unit: 'days',
    aggregate: 'median_p90',
    observation: 'rights',
    definition:
      'Rights granted in the period (the date granted) that were explored in the same intake: days from the date ' +
      `explored to the date granted, median and 90th percentile. ${counted('the date granted')}`,
    organisationFilter: BY_INTAKE_ORGANISATION,
    breakdown: null,
    decimals: 1,
  },
  {
    code: 'days_intake_to_first_referral',
    version: 1,
    title: 'Days from intake to first referral',
    unit: 'days',
    aggregate: 'median_p90',
    observation: 'intakes',
    definition:
      `${INTAKE_COHORT} Of those with at least one referral so far: days from the intake's opening to its first ` +
      `referral sent, median and 90th percentile. ${counted('the date opened')}`,
    organisationFilter: BY_INTAKE_ORGANISATION,
    breakdown: null,
    decimals: 1,
  },
  {
    code: 'referral_response_days',
    version: 1,
    title: 'Referral response time',
    unit: 'days',
    aggregate: 'median_p90',
    observation: 'referrals',
    definition:
      `${REFERRAL_COHORT} Of those answered (accepted or declined): days from sending to the answer, median and ` +
      `90th percentile. ${counted('the date sent')}`,
    organisationFilter: BY_EITHER_PARTNER,
    breakdown: null,
    decimals: 1,
  },
  {
    code: 'referral_acceptance_rate',
    version: 1,
    title: 'Referral acceptance rate',
    unit: 'share',
    aggregate: 'share',
    observation: 'referrals',
    definition: `${REFERRAL_COHORT} Of those answered, the share accepted. ${counted('the date sent')}`,
    organisationFilter: BY_EITHER_PARTNER,
    breakdown: null,
    decimals: 4,
  },
  {
    code: 'referral_decline_reasons',
    version: 1,
    title: 'Referrals declined, by reason',
    unit: 'count',
    aggregate: 'count',
    observation: 'referrals',
    definition: `${REFERRAL_COHORT} The number declined, by the reason given. ${counted('the date sent')}`,
    organisationFilter: BY_EITHER_PARTNER,
    breakdown: { name: 'decline reason', categories: DECLINE_REASONS, total: true },
    decimals: 0,
  },
  {
    code: 'referral_service_start_share',
    version: 1,
    title: 'Referrals with a verified service start',
    unit: 'share',
    aggregate: 'share',
    observation: 'referrals',
    definition:
      `${REFERRAL_COHORT} The share whose service really started (ReferralServiceStarted or ReferralCompleted): ` +
      'closed is not helped. Referrals revoked without a service start are left out. ' +
      `${counted('the date sent')}`,
    organisationFilter: BY_EITHER_PARTNER,
    breakdown: null,
    decimals: 4,
  },
  {
    code: 'referral_overdue_share',
    version: 1,
    title: 'Overdue share of referrals',
    unit: 'share',
    aggregate: 'share',
    observation: 'referrals',
    definition:
      `${REFERRAL_COHORT} The share that was overdue: answered after its due date, or still unanswered after it ` +
      '(on the reference date: today, or the date of `asOf`; a referral revoked unanswered counts when revoked ' +
      `after its due date). ${counted('the date sent')}`,
    organisationFilter: BY_EITHER_PARTNER,
    breakdown: null,
    decimals: 4,
  },
  {
    code: 'cross_municipality_share',
    version: 1,
    title: 'Cross-municipality share of referrals',
    unit: 'share',
    aggregate: 'share',
    observation: 'referrals',
    definition:
      `${REFERRAL_COHORT} The share sent from an organisation in one municipality to one in another (both ` +
      `organisations rooted in a municipality when sent; regional partners do not count as another). ` +
      counted('the date sent'),
    organisationFilter: BY_EITHER_PARTNER,
    breakdown: null,
    decimals: 4,
  },
  {
    code: 'referral_flow',
    version: 1,
    title: 'Partner-to-partner referral flow',
    unit: 'count',
    aggregate: 'count',
    observation: 'referrals',
    definition:
      `${REFERRAL_COHORT} The number sent, per pair of sending and receiving organisation (category ` +
      `\`<from organisation id>><to organisation id>\`). ${counted('the date sent')}`,
    organisationFilter: BY_EITHER_PARTNER,
    breakdown: { name: 'organisation pair', categories: 'dynamic', total: true },
    decimals: 0,
  },
  {
    code: 'unmet_needs_by_domain',
    version: 1,
    title: 'Unmet needs by life domain',
    unit: 'count',
    aggregate: 'count',
    observation: 'unmet_needs',
    definition:
      'Unmet needs (niet-toeleidbaar) signalled in the period (the date signalled), by life domain. ' +
      counted('the date signalled'),
    organisationFilter: BY_INTAKE_ORGANISATION,
    breakdown: { name: 'life domain', categories: LIFE_DOMAINS, total: true },
    decimals: 0,
  },
  {
    code: 'unmet_needs_by_reason',
    version: 1,
    title: 'Unmet needs by reason',
    unit: 'count',
    aggregate: 'count',
    observation: 'unmet_needs',
    definition:
      'Unmet needs (niet-toeleidbaar) signalled in the period (the date signalled), by reason (no suitable offer, ' +
      `waiting list, not eligible, thresholds of cost, mobility, language or digital access, other). ` +
      counted('the date signalled'),
    organisationFilter: BY_INTAKE_ORGANISATION,
    breakdown: { name: 'unmet need reason', categories: UNMET_NEED_REASONS, total: true },
    decimals: 0,
  },
  {
    code: 'life_domain_score_change',
    version: 1,
    title: 'Life-domain score change from intake to follow-up',
    unit: 'score_points',
    aggregate: 'mean',
    observation: 'trajectory_domains',
    definition:
      `${INTAKE_COHORT} Per life domain, of the intakes with at least two assessments scoring it so far: the mean ` +
      'of the latest score minus the first (scores 1 to 5; positive is better). An intake counts in every domain ' +
      `it scored, so the domains have no total. ${counted('the date opened')}`,
    organisationFilter: BY_INTAKE_ORGANISATION,
    breakdown: { name: 'life domain', categories: LIFE_DOMAINS, total: false },
    decimals: 2,
  },
];

export function findIndicator(code: string): IndicatorDefinition | undefined {
  return INDICATORS.find((indicator) => indicator.code === code);
}
