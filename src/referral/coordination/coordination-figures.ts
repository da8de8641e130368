import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '../../shared/database/sql-runner';
import type { CalendarDate } from '../../shared/domain/calendar';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, toPage } from '../../shared/http/pagination';
import { REFERRAL_STATUSES } from '../domain/referral.events';
import type { CoordinationFilter, Period } from './coordination.request';
import type { OverdueKind } from './coordination.views';

/** A figure's row before names are put beside its ids. */
export interface StatusCounts {
  readonly byStatus: Record<string, number>;
  readonly overdue: number;
  readonly overdueByKind: Record<OverdueKind, number>;
  readonly total: number;
}

export interface OverdueRow {
  readonly referralId: string;
  readonly fromOrganisationId: string;
  readonly toOrganisationId: string;
  readonly fromMunicipalityId: string | null;
  readonly toMunicipalityId: string | null;
  readonly service: string | null;
  readonly lifeDomain: string;
  readonly warm: boolean;
  readonly status: string;
  readonly overdueKind: OverdueKind;
  readonly sentOn: string;
  readonly dueOn: string;
  readonly acceptedOn: string | null;
  readonly serviceStartDueOn: string | null;
  readonly daysOverdue: number;
}

export interface FlowRow {
  readonly fromOrganisationId: string;
  readonly toOrganisationId: string;
  readonly fromMunicipalityId: string | null;
  readonly toMunicipalityId: string | null;
  readonly crossMunicipality: boolean;
  readonly sent: number;
  readonly accepted: number;
  readonly declined: number;
  readonly serviceStarted: number;
}

export interface ResponseTimeRow {
  readonly toOrganisationId: string;
  readonly sent: number;
  readonly responded: number;
  readonly awaiting: number;
  readonly overdue: number;
  readonly medianResponseDays: number | null;
}

/**
 * Overdue, in SQL (docs/adr/0015, 0026): unanswered after its due date (`response`), or accepted and not started after
 * its service start due date (`service_start`). `$1` is today; the kind is the one that applies.
 */
const OVERDUE_KIND = `CASE
    WHEN status = 'sent' AND due_on < $1 THEN 'response'
    WHEN status IN ('accepted', 'first_contact_made') AND service_start_due_on < $1 THEN 'service_start'
  END`;

/**
 * Region-wide aggregates of the referrals read model for coordinators, narrowed by a filter. Every query selects
 * organisations, municipalities, codes, dates and counts only: the person, the trajectory and the note are never read.
 */
@Injectable()
export class CoordinationFigures {
  constructor(private readonly dataSource: DataSource) {}

  async statusCounts(filter: CoordinationFilter, today: CalendarDate): Promise<StatusCounts> {
    const params: unknown[] = [today];
    const rows = rowsOf<{ status: string; count: number; response: number; serviceStart: number }>(
      await this.dataSource.query(
        `SELECT status, count(*)::int AS count,
                count(*) FILTER (WHERE (${OVERDUE_KIND}) = 'response')::int AS response,
                count(*) FILTER (WHERE (${OVERDUE_KIND}) = 'service_start')::int AS "serviceStart"
           FROM referrals
          WHERE ${where(filter, params)}
          GROUP BY status`,
        params,
      ),
    );
    const byStatus = Object.fromEntries(REFERRAL_STATUSES.map((status) => [status, 0]));
    for (const row of rows) byStatus[row.status] = row.count;
    const sum = (of: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + of(row), 0);
    const overdueByKind = { response: sum((row) => row.response), service_start: sum((row) => row.serviceStart) };
    return {
      byStatus,
      overdue: overdueByKind.response + overdueByKind.service_start,
      overdueByKind,
      total: sum((row) => row.count),
    };
  }

  /** Longest overdue first: by the due date that passed, then by id. */
  async overdue(
    filter: CoordinationFilter,
    today: CalendarDate,
    page: { limit?: number; cursor?: string },
  ): Promise<Page<OverdueRow>> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(page.cursor);
    const params: unknown[] = [today];
    const filtered = where(filter, params);
    params.push(after?.sortKey ?? null, after?.id ?? null, limit + 1);
    const [sortKey, id, rowLimit] = [params.length - 2, params.length - 1, params.length];
    const rows = rowsOf<OverdueRow & { overdueSince: string }>(
      await this.dataSource.query(
        `SELECT * FROM (
           SELECT referral_id AS "referralId", from_organisation_id AS "fromOrganisationId",
                  to_organisation_id AS "toOrganisationId", from_municipality_id AS "fromMunicipalityId",
                  to_municipality_id AS "toMunicipalityId", service, life_domain AS "lifeDomain", warm, status,
                  ${OVERDUE_KIND} AS "overdueKind",
                  to_char(sent_on, 'YYYY-MM-DD') AS "sentOn", to_char(due_on, 'YYYY-MM-DD') AS "dueOn",
                  to_char(accepted_on, 'YYYY-MM-DD') AS "acceptedOn",
                  to_char(service_start_due_on, 'YYYY-MM-DD') AS "serviceStartDueOn",
                  to_char(CASE WHEN status = 'sent' THEN due_on ELSE service_start_due_on END, 'YYYY-MM-DD')
                    AS "overdueSince"
             FROM referrals
            WHERE ${filtered}
              AND ((status = 'sent' AND due_on < $1)
                OR (status IN ('accepted', 'first_contact_made') AND service_start_due_on < $1))
         ) overdue
          WHERE ($${sortKey}::text IS NULL OR ("overdueSince", "referralId") > ($${sortKey}, $${id}::uuid))
          ORDER BY "overdueSince", "referralId"
          LIMIT $${rowLimit}`,
        params,
      ),
    );
    return toPage(
      rows,
      limit,
      (row) => ({ sortKey: row.overdueSince, id: row.referralId }),
      ({ overdueSince, ...row }) => ({ ...row, daysOverdue: daysBetween(overdueSince, today) }),
    );
  }

  async flows(filter: CoordinationFilter & Period): Promise<FlowRow[]> {
    const params: unknown[] = [];
    return rowsOf<FlowRow>(
      await this.dataSource.query(
        `SELECT from_organisation_id AS "fromOrganisationId", to_organisation_id AS "toOrganisationId",
                from_municipality_id AS "fromMunicipalityId", to_municipality_id AS "toMunicipalityId",
                coalesce(from_municipality_id <> to_municipality_id, false) AS "crossMunicipality",
                count(*)::int AS sent,
                count(accepted_on)::int AS accepted,
                count(declined_on)::int AS declined,
                count(service_started_on)::int AS "serviceStarted"
           FROM referrals
          WHERE ${where(filter, params)}
          GROUP BY 1, 2, 3, 4
          ORDER BY 1, 2, 3, 4`,
        params,
      ),
    );
  }

  async responseTimes(filter: CoordinationFilter & Period, today: CalendarDate): Promise<ResponseTimeRow[]> {
    const params: unknown[] = [today];
    const rows = rowsOf<Omit<ResponseTimeRow, 'medianResponseDays'> & { median: number | string | null }>(
      await this.dataSource.query(
        `SELECT to_organisation_id AS "toOrganisationId",
                count(*)::int AS sent,
                count(responded_on)::int AS responded,
                count(*) FILTER (WHERE status = 'sent')::int AS awaiting,
                count(*) FILTER (WHERE status = 'sent' AND due_on < $1)::int AS overdue,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY responded_on - sent_on)
                  FILTER (WHERE responded_on IS NOT NULL) AS median
           FROM referrals
          WHERE ${where(filter, params)}
          GROUP BY to_organisation_id
          ORDER BY to_organisation_id`,
        params,
      ),
    );
    return rows.map(({ median, ...row }) => ({
      ...row,
      medianResponseDays: median === null ? null : Number(median),
    }));
  }
}

/** The filter as a SQL condition, its values appended to `params` (placeholders only, never a value in the text). */
function where(filter: CoordinationFilter, params: unknown[]): string {
  const value = (of: unknown): string => {
    params.push(of);
    return `$${params.length}`;
  };
  const conditions: string[] = [];
  if (filter.sentFrom !== null) conditions.push(`sent_on >= ${value(filter.sentFrom)}::date`);
  if (filter.sentTo !== null) conditions.push(`sent_on <= ${value(filter.sentTo)}::date`);
  if (filter.municipalityId !== null) {
    const municipality = value(filter.municipalityId);
    conditions.push(`(from_municipality_id = ${municipality} OR to_municipality_id = ${municipality})`);
  }
  if (filter.organisationId !== null) {
    const organisation = value(filter.organisationId);
    conditions.push(`(from_organisation_id = ${organisation} OR to_organisation_id = ${organisation})`);
  }
  if (filter.service !== null) conditions.push(`service = ${value(filter.service)}`);
  return conditions.length === 0 ? 'true' : conditions.join(' AND ');
}

function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
