import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '../../shared/database/sql-runner';
import type { CalendarDate } from '../../shared/domain/calendar';

/** The condition "a `reporting` consent of person `p` is valid on `$1`", in SQL. */
const COUNTABLE = `EXISTS (
  SELECT 1 FROM clients_consents c
   WHERE c.client_id = p.client_id AND c.scope = 'reporting'
     AND c.valid_from <= $1::date
     AND (c.valid_until IS NULL OR $1::date <= c.valid_until)
     AND (c.withdrawn_on IS NULL OR $1::date < c.withdrawn_on))`;

/**
 * Counting for the analysts' side (through `index.ts`), from read models that hold no personal data. People whose
 * personal data was erased are counted like anyone else: anonymously, by id. Eventually consistent.
 */
@Injectable()
export class ClientReporting {
  constructor(private readonly dataSource: DataSource) {}

  /** Of `clientIds`, those whose consent allows counting them on `date`. */
  async countable(clientIds: readonly string[], date: CalendarDate): Promise<Set<string>> {
    if (clientIds.length === 0) return new Set();
    const rows = rowsOf<{ client_id: string }>(
      await this.dataSource.query(
        `SELECT p.client_id FROM clients_register p WHERE p.client_id = ANY($2::uuid[]) AND ${COUNTABLE}`,
        [date, [...clientIds]],
      ),
    );
    return new Set(rows.map((row) => row.client_id));
  }

  /**
   * People registered on or before `date` who may be counted on that date, per municipality of residence on that
   * date (docs/domain.md: a person is attributed to where they lived on the event's date). Unsuppressed: publishing
   * figures (small-cell suppression) is the impact capability's job.
   */
  async countByMunicipality(date: CalendarDate): Promise<Map<string, number>> {
    const rows = rowsOf<{ municipality_id: string; people: string }>(
      await this.dataSource.query(
        `SELECT r.municipality_id, count(*)::text AS people
           FROM clients_register p
           JOIN LATERAL (
             SELECT municipality_id FROM clients_residences r
              WHERE r.client_id = p.client_id AND (r.effective_from IS NULL OR r.effective_from <= $1::date)
              ORDER BY r.effective_from DESC NULLS LAST
              LIMIT 1) r ON true
          WHERE p.registered_on <= $1::date AND ${COUNTABLE}
          GROUP BY r.municipality_id`,
        [date],
      ),
    );
    return new Map(rows.map((row) => [row.municipality_id, Number(row.people)]));
  }
}
