/**
 * The two rules every indicator applies to a person, as SQL over the `impact` facts (docs/analysts.md, "Who is
 * counted, where"). Parameter `$4` is the `asOf` instant (`infinity` for everything recorded): a residence or a
 * consent recorded later did not exist yet, a withdrawal recorded later had not happened yet.
 */

/**
 * Joins `residence.municipality_id`: where `client` lived on `date`. The latest move effective on or before the date,
 * else the residence at registration (which also covers the days before registration), as `src/clients` decides it.
 */
export function residenceOn(client: string, date: string): string {
  return `JOIN LATERAL (
      SELECT r.municipality_id FROM impact.residences r
       WHERE r.client_id = ${client} AND r.recorded_at <= $4
         AND (r.effective_from IS NULL OR r.effective_from <= ${date})
       ORDER BY r.effective_from DESC NULLS LAST
       LIMIT 1) residence ON true`;
}

/**
 * Whether `client` may be counted on `date`: a `reporting` consent valid that day (from `valid_from`, through
 * `valid_until`, before `withdrawn_on`), the rule of `mayCountInReporting` in `src/clients` (docs/adr/0013).
 */
export function mayCountOn(client: string, date: string): string {
  return `EXISTS (
      SELECT 1 FROM impact.reporting_consents c
       WHERE c.client_id = ${client} AND c.recorded_at <= $4
         AND c.valid_from <= ${date} AND (c.valid_until IS NULL OR ${date} <= c.valid_until)
         AND (c.withdrawn_on IS NULL OR c.withdrawal_recorded_at > $4 OR ${date} < c.withdrawn_on))`;
}

/** The start of the period (`$1`: month, quarter or year) that contains `date`. */
export function periodOf(date: string): string {
  return `date_trunc($1, ${date}::timestamp)::date`;
}

/** `$5`: the organisation filter, or null. */
export function organisationIs(...columns: string[]): string {
  return `($5::text IS NULL OR $5::text IN (${columns.join(', ')}))`;
}
