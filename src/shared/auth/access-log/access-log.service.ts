import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '../../domain/ids';
import type { AuthenticatedUser, Role } from '../authenticated-user';

/** Whether a request read or changed what it touched: GET and HEAD read, everything else writes. */
export type AccessAction = 'read' | 'write';

/** One access, as a capability records it. Identifiers only: no names, no query strings, no raw URLs. */
export interface AccessLogRecord {
  /** Absent when the caller was not authenticated (a refused attempt). */
  readonly user: AuthenticatedUser | undefined;
  readonly action: AccessAction;
  readonly resourceType: string;
  /** UUIDs only; anything else is stored as absent. */
  readonly resourceId?: string | undefined;
  /** One entry per person; none for an access that concerns no one in particular. */
  readonly personIds?: Iterable<string>;
  readonly method: string;
  /** The route template (`/case-files/:id`), never the URL. */
  readonly route: string;
  /** `null`: a write about to be appended, whose outcome is recorded by a later entry (docs/adr/0021). */
  readonly statusCode: number | null;
  readonly requestId?: string | undefined;
}

/** `pending`: a write was about to be appended and its outcome could not be recorded (docs/adr/0021). */
export type AccessOutcome = 'allowed' | 'denied' | 'failed' | 'pending';

export interface AccessLogEntryView {
  readonly id: string;
  readonly occurredAt: string;
  readonly requestId: string | null;
  readonly userId: string | null;
  readonly organisationId: string | null;
  readonly roles: Role[];
  readonly action: AccessAction;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly personId: string | null;
  readonly method: string;
  readonly route: string;
  readonly statusCode: number | null;
  readonly outcome: AccessOutcome;
}

export interface AccessLogFilter {
  readonly personId?: string | undefined;
  readonly userId?: string | undefined;
}

export interface AccessLogPageRequest {
  /** Entries with a smaller id than this one (the previous page's last). */
  readonly before?: string | undefined;
  readonly limit: number;
}

/** 401, 403 and 429 are refusals; other 4xx and 5xx are failures; the rest was served. */
export function outcomeOf(statusCode: number | null): AccessOutcome {
  if (statusCode === null) return 'pending';
  if (statusCode === 401 || statusCode === 403 || statusCode === 429) return 'denied';
  return statusCode >= 400 ? 'failed' : 'allowed';
}

interface AccessLogRow {
  id: string;
  occurred_at: Date;
  request_id: string | null;
  user_id: string | null;
  organisation_id: string | null;
  roles: Role[];
  action: AccessAction;
  resource_type: string;
  resource_id: string | null;
  person_id: string | null;
  method: string;
  route: string;
  status_code: number | null;
  outcome: AccessOutcome;
}

/** Writes and reads the append-only `access_log` table. Nothing here updates or deletes. */
@Injectable()
export class AccessLog {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends the entry (one row per person). Pass the `manager` of an open transaction to log inside it: on the
   * embedded database a second connection would wait for that transaction for ever.
   */
  async record(record: AccessLogRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const personIds = [...new Set(record.personIds ?? [])].filter(isUuid);
    const rows = personIds.length > 0 ? personIds : [null];
    const columns = [
      record.requestId ?? null,
      record.user?.userId ?? null,
      record.user?.organisationId ?? null,
      [...(record.user?.roles ?? [])],
      record.action,
      record.resourceType,
      isUuid(record.resourceId) ? record.resourceId : null,
      record.method,
      record.route,
      record.statusCode,
      outcomeOf(record.statusCode),
    ];
    const parameters: unknown[] = [];
    const tuples = rows.map((personId) => {
      const values = [...columns, personId];
      const placeholders = values.map((_, index) => `$${parameters.length + index + 1}`);
      parameters.push(...values);
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(
      `INSERT INTO access_log (request_id, user_id, organisation_id, roles, action, resource_type, resource_id,
                               method, route, status_code, outcome, person_id)
       VALUES ${tuples.join(', ')}`,
      parameters,
    );
  }

  /** Newest first. Returns one page and the id to continue before, if there is more. */
  async find(
    filter: AccessLogFilter,
    page: AccessLogPageRequest,
  ): Promise<{ entries: AccessLogEntryView[]; continueBefore: string | undefined }> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (condition: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(condition(`$${parameters.length}`));
    };
    if (filter.personId !== undefined) where((p) => `person_id = ${p}`, filter.personId);
    if (filter.userId !== undefined) where((p) => `user_id = ${p}`, filter.userId);
    if (page.before !== undefined) where((p) => `id < ${p}`, page.before);
    // A pending write is shown only when no entry with its outcome followed (the outcome could not be stored).
    conditions.push(`NOT (outcome = 'pending' AND EXISTS (
      SELECT 1 FROM access_log outcome_entry
       WHERE outcome_entry.request_id = access_log.request_id AND outcome_entry.id > access_log.id
         AND outcome_entry.outcome <> 'pending' AND outcome_entry.route = access_log.route
         AND outcome_entry.user_id IS NOT DISTINCT FROM access_log.user_id))`);
    parameters.push(page.limit + 1);
    const rows = await this.dataSource.query<AccessLogRow[]>(
      `SELECT id::text AS id, occurred_at, request_id, user_id, organisation_id, roles, action, resource_type,
              resource_id, person_id, method, route, status_code, outcome
         FROM access_log
        ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
        -- The table's id, not the text alias above: ORDER BY prefers an output column, and text sorts '9' after '10'.
        ORDER BY access_log.id DESC
        LIMIT $${parameters.length}`,
      parameters,
    );
    const entries = rows.slice(0, page.limit).map(toView);
    return { entries, continueBefore: rows.length > page.limit ? entries.at(-1)?.id : undefined };
  }
}

function toView(row: AccessLogRow): AccessLogEntryView {
  return {
    id: row.id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    requestId: row.request_id,
    userId: row.user_id,
    organisationId: row.organisation_id,
    roles: row.roles,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    personId: row.person_id,
    method: row.method,
    route: row.route,
    statusCode: row.status_code === null ? null : Number(row.status_code),
    outcome: row.outcome,
  };
}
