import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '../../shared/database/sql-runner';
import type { CalendarDate } from '../../shared/domain/calendar';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, toPage } from '../../shared/http/pagination';
import { REFERRAL_STATUSES } from '../domain/referral.events';
import type { FlowView, OverdueReferralView, ResponseTimeView, StatusCountsView } from './coordination.views';

export interface Period {
  readonly sentFrom: CalendarDate | null;
  readonly sentTo: CalendarDate | null;
}

/**
 * Region-wide aggregates of the referrals read model for coordinators. Every query selects organisations,
 * municipalities, codes, dates and counts only: the person, the trajectory and the note are never read.
 */
@Injectable()
export class CoordinationFigures {
  constructor(private readonly dataSource: DataSource) {}

  async statusCounts(period: Period, today: CalendarDate): Promise<StatusCountsView> {
    const rows = rowsOf<{ status: string; count: number; overdue: number }>(
      await this.dataSource.query(
        `SELECT status, count(*)::int AS count,
                count(*) FILTER (WHERE status = 'sent' AND due_on < $3)::int AS overdue
           FROM referrals
          WHERE ($1::date IS NULL OR sent_on >= $1) AND ($2::date IS NULL OR sent_on <= $2)
          GROUP BY status`,
        [period.sentFrom, period.sentTo, today],
      ),
    );
    const byStatus = Object.fromEntries(REFERRAL_STATUSES.map((status) => [status, 0]));
    for (const row of rows) byStatus[row.status] = row.count;
    return {
      ...period,
      today,
      byStatus,
      overdue: rows.reduce((sum, row) => sum + row.overdue, 0),
      total: rows.reduce((sum, row) => sum + row.count, 0),
    };
  }

  async overdue(today: CalendarDate, page: { limit?: number; cursor?: string }): Promise<Page<OverdueReferralView>> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(page.cursor);
    const rows = rowsOf<OverdueReferralView & { sortKey: string }>(
      await this.dataSource.query(
        `SELECT referral_id AS "referralId", from_organisation_id AS "fromOrganisationId",
                to_organisation_id AS "toOrganisationId", from_municipality_id AS "fromMunicipalityId",
                to_municipality_id AS "toMunicipalityId", service, life_domain AS "lifeDomain", warm,
                to_char(sent_on, 'YYYY-MM-DD') AS "sentOn",
                to_char(due_on, 'YYYY-MM-DD') AS "dueOn", ($1::date - due_on)::int AS "daysOverdue",
                to_char(due_on, 'YYYY-MM-DD') AS "sortKey"
           FROM referrals
          WHERE status = 'sent' AND due_on < $1
            AND ($2::text IS NULL OR (to_char(due_on, 'YYYY-MM-DD'), referral_id) > ($2, $3::uuid))
          ORDER BY due_on, referral_id
          LIMIT $4`,
        [today, after?.sortKey ?? null, after?.id ?? null, limit + 1],
      ),
    );
    return toPage(
      rows,
      limit,
      (row) => ({ sortKey: row.sortKey, id: row.referralId }),
      (row) => ({
        referralId: row.referralId,
        fromOrganisationId: row.fromOrganisationId,
        toOrganisationId: row.toOrganisationId,
        fromMunicipalityId: row.fromMunicipalityId,
        toMunicipalityId: row.toMunicipalityId,
        service: row.service,
        lifeDomain: row.lifeDomain,
        warm: row.warm,
        sentOn: row.sentOn,
        dueOn: row.dueOn,
        daysOverdue: row.daysOverdue,
      }),
    );
  }

  async flows(sentFrom: CalendarDate, sentTo: CalendarDate): Promise<FlowView[]> {
    return rowsOf<FlowView>(
      await this.dataSource.query(
        `SELECT from_organisation_id AS "fromOrganisationId", to_organisation_id AS "toOrganisationId",
                from_municipality_id AS "fromMunicipalityId", to_municipality_id AS "toMunicipalityId",
                coalesce(from_municipality_id <> to_municipality_id, false) AS "crossMunicipality",
                count(*)::int AS sent,
                count(accepted_on)::int AS accepted,
                count(declined_on)::int AS declined,
                count(service_started_on)::int AS "serviceStarted"
           FROM referrals
          WHERE sent_on BETWEEN $1 AND $2
          GROUP BY 1, 2, 3, 4
          ORDER BY 1, 2, 3, 4`,
        [sentFrom, sentTo],
      ),
    );
  }

  async responseTimes(sentFrom: CalendarDate, sentTo: CalendarDate, today: CalendarDate): Promise<ResponseTimeView[]> {
    const rows = rowsOf<Omit<ResponseTimeView, 'medianResponseDays'> & { median: number | string | null }>(
      await this.dataSource.query(
        `SELECT to_organisation_id AS "toOrganisationId",
                count(*)::int AS sent,
                count(responded_on)::int AS responded,
                count(*) FILTER (WHERE status = 'sent')::int AS awaiting,
                count(*) FILTER (WHERE status = 'sent' AND due_on < $3)::int AS overdue,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY responded_on - sent_on)
                  FILTER (WHERE responded_on IS NOT NULL) AS median
           FROM referrals
          WHERE sent_on BETWEEN $1 AND $2
          GROUP BY to_organisation_id
          ORDER BY to_organisation_id`,
        [sentFrom, sentTo, today],
      ),
    );
    return rows.map(({ median, ...row }) => ({
      ...row,
      medianResponseDays: median === null ? null : Number(median),
    }));
  }
}
