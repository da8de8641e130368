import { mayCountOn, organisationIs, periodOf, residenceOn } from './attribution.sql';

/**
 * Per indicator, the SQL of its observations: one row per person, intake, right, referral, ... counted, with
 * `period_start`, `municipality_id` (of residence), `client_id`, `category`, `measure` (a number the statistics are
 * taken of) and `hit` (the condition a share counts). Parameters: `$1` period, `$2`/`$3` the first and last date,
 * `$4` asOf, `$5` organisation or null, `$6` the reference date (today or the date of asOf).
 * `indicator-store.ts` aggregates them, with the region and category totals, in one statement.
 */

/** Intakes opened in the range, by people who may be counted on the day, attributed to their residence then. */
const INTAKE_COHORT = `
  SELECT i.trajectory_id, i.client_id, i.origin, i.occurred_on, residence.municipality_id
    FROM impact.intakes i
    ${residenceOn('i.client_id', 'i.occurred_on')}
   WHERE i.recorded_at <= $4 AND i.occurred_on BETWEEN $2 AND $3
     AND ${organisationIs('i.organisation_id')}
     AND ${mayCountOn('i.client_id', 'i.occurred_on')}`;

/** Referrals sent in the range, with what became of them by `$4`, counted and attributed on the date sent. */
const REFERRAL_COHORT = `
  SELECT f.referral_id, f.client_id, f.occurred_on, f.due_on, f.from_organisation_id, f.to_organisation_id,
         f.from_municipality_id, f.to_municipality_id, residence.municipality_id,
         m.answered_on, coalesce(m.accepted, false) AS accepted, m.decline_reason, m.service_started_on, m.revoked_on
    FROM impact.referrals f
    ${residenceOn('f.client_id', 'f.occurred_on')}
    LEFT JOIN LATERAL (
      SELECT min(x.occurred_on) FILTER (WHERE x.milestone IN ('accepted', 'declined')) AS answered_on,
             bool_or(x.milestone = 'accepted') AS accepted,
             min(x.reason) FILTER (WHERE x.milestone = 'declined') AS decline_reason,
             min(x.occurred_on) FILTER (WHERE x.milestone IN ('service_started', 'completed')) AS service_started_on,
             min(x.occurred_on) FILTER (WHERE x.milestone = 'revoked') AS revoked_on
        FROM impact.referral_milestones x
       WHERE x.referral_id = f.referral_id AND x.recorded_at <= $4) m ON true
   WHERE f.recorded_at <= $4 AND f.occurred_on BETWEEN $2 AND $3
     AND ${organisationIs('f.from_organisation_id', 'f.to_organisation_id')}
     AND ${mayCountOn('f.client_id', 'f.occurred_on')}`;

/** A person once per period: their first countable intake in it. `hit`: no intake in the 24 months before. */
const PEOPLE_REACHED = `
  WITH cohort AS (${INTAKE_COHORT}),
  firsts AS (
    SELECT DISTINCT ON (client_id, ${periodOf('occurred_on')}) *
      FROM cohort
     ORDER BY client_id, ${periodOf('occurred_on')}, occurred_on, trajectory_id)
  SELECT ${periodOf('f.occurred_on')} AS period_start, f.municipality_id, f.client_id,
         NULL::text AS category, NULL::float8 AS measure,
         NOT EXISTS (
           SELECT 1 FROM impact.intakes p
            WHERE p.client_id = f.client_id AND p.recorded_at <= $4
              AND p.occurred_on < f.occurred_on
              AND p.occurred_on >= (f.occurred_on - interval '24 months')::date) AS hit
    FROM firsts f`;

function intakeObservations(measure: string, hit = 'NULL::boolean'): string {
  return `
  SELECT ${periodOf('c.occurred_on')} AS period_start, c.municipality_id, c.client_id,
         NULL::text AS category, (${measure})::float8 AS measure, ${hit} AS hit
    FROM (${INTAKE_COHORT}) c`;
}

function rightsOf(milestone: 'explored' | 'granted'): string {
  return `SELECT count(*) FROM impact.right_milestones x
           WHERE x.trajectory_id = c.trajectory_id AND x.milestone = '${milestone}' AND x.recorded_at <= $4`;
}

function referralObservations(options: { where?: string; category?: string; measure?: string; hit?: string }): string {
  return `
  SELECT ${periodOf('r.occurred_on')} AS period_start, r.municipality_id, r.client_id,
         ${options.category ?? 'NULL::text'} AS category, (${options.measure ?? 'NULL'})::float8 AS measure,
         ${options.hit ?? 'NULL::boolean'} AS hit
    FROM (${REFERRAL_COHORT}) r
   WHERE ${options.where ?? 'true'}`;
}

function unmetNeeds(category: 'life_domain' | 'reason'): string {
  return `
  SELECT ${periodOf('u.occurred_on')} AS period_start, residence.municipality_id, i.client_id,
         u.${category} AS category, NULL::float8 AS measure, NULL::boolean AS hit
    FROM impact.unmet_needs u
    JOIN impact.intakes i ON i.trajectory_id = u.trajectory_id AND i.recorded_at <= $4
    ${residenceOn('i.client_id', 'u.occurred_on')}
   WHERE u.recorded_at <= $4 AND u.occurred_on BETWEEN $2 AND $3
     AND ${organisationIs('i.organisation_id')}
     AND ${mayCountOn('i.client_id', 'u.occurred_on')}`;
}

const ANSWERED = 'r.answered_on IS NOT NULL';

export const OBSERVATIONS: Readonly<Record<string, string>> = {
  reach_per_1000: PEOPLE_REACHED,
  first_time_share: PEOPLE_REACHED,
  proactive_share: intakeObservations('NULL', `c.origin = 'proactive_signal'`),
  rights_explored_per_intake: intakeObservations(rightsOf('explored')),
  rights_granted_per_intake: intakeObservations(rightsOf('granted')),
  days_explored_to_granted: `
  SELECT ${periodOf('g.occurred_on')} AS period_start, residence.municipality_id, i.client_id,
         NULL::text AS category, (g.occurred_on - e.occurred_on)::float8 AS measure, NULL::boolean AS hit
    FROM impact.right_milestones g
    JOIN impact.right_milestones e
      ON e.trajectory_id = g.trajectory_id AND e.right_id = g.right_id AND e.milestone = 'explored'
     AND e.recorded_at <= $4
    JOIN impact.intakes i ON i.trajectory_id = g.trajectory_id AND i.recorded_at <= $4
    ${residenceOn('i.client_id', 'g.occurred_on')}
   WHERE g.milestone = 'granted' AND g.recorded_at <= $4 AND g.occurred_on BETWEEN $2 AND $3
     AND ${organisationIs('i.organisation_id')}
     AND ${mayCountOn('i.client_id', 'g.occurred_on')}`,
  days_intake_to_first_referral: `
  SELECT * FROM (${intakeObservations(
    `(SELECT min(f.occurred_on) FROM impact.referrals f
       WHERE f.trajectory_id = c.trajectory_id AND f.recorded_at <= $4) - c.occurred_on`,
  )}) o
   WHERE o.measure IS NOT NULL`,
  referral_response_days: referralObservations({ where: ANSWERED, measure: 'r.answered_on - r.occurred_on' }),
  referral_acceptance_rate: referralObservations({ where: ANSWERED, hit: 'r.accepted' }),
  referral_decline_reasons: referralObservations({
    where: 'r.decline_reason IS NOT NULL',
    category: 'r.decline_reason',
  }),
  referral_service_start_share: referralObservations({
    where: 'r.revoked_on IS NULL OR r.service_started_on IS NOT NULL',
    hit: 'r.service_started_on IS NOT NULL',
  }),
  referral_overdue_share: referralObservations({
    hit: `coalesce(r.answered_on > r.due_on, coalesce(r.revoked_on, $6::date) > r.due_on)`,
  }),
  cross_municipality_share: referralObservations({
    hit: `coalesce(r.from_municipality_id <> r.to_municipality_id, false)`,
  }),
  referral_flow: referralObservations({ category: `r.from_organisation_id || '>' || r.to_organisation_id` }),
  unmet_needs_by_domain: unmetNeeds('life_domain'),
  unmet_needs_by_reason: unmetNeeds('reason'),
  // One pass: first and last score per trajectory and domain, by grouping (a self-join of window-numbered rows
  // let the planner nest loops over unindexed CTE scans: seconds on a year of the W13-scale data set).
  life_domain_score_change: `
  SELECT ${periodOf('c.occurred_on')} AS period_start, c.municipality_id, c.client_id,
         a.life_domain AS category,
         ((array_agg(a.score ORDER BY a.occurred_on DESC, a.position_commit DESC, a.position_prepare DESC))[1]
          - (array_agg(a.score ORDER BY a.occurred_on, a.position_commit, a.position_prepare))[1])::float8 AS measure,
         NULL::boolean AS hit
    FROM (${INTAKE_COHORT}) c
    JOIN impact.assessment_scores a ON a.trajectory_id = c.trajectory_id AND a.recorded_at <= $4
   GROUP BY c.trajectory_id, c.occurred_on, c.municipality_id, c.client_id, a.life_domain
  HAVING count(*) > 1`,
};
