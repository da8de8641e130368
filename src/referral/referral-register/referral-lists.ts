import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { LifeDomain } from '../../shared/domain/life-domains';
import type { CalendarDate } from '../../shared/domain/calendar';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, toPage } from '../../shared/http/pagination';
import { ReferralNames, type ReferralNamesSeen } from '../common/referral-names';
import { isOverdue } from '../domain/referral.decider';
import type { DeclineReason, DropReason, ReferralConsentBasis } from '../domain/referral.values';
import type { ReferralStatus } from '../domain/referral.events';
import { ReferralConversationRow } from '../referral-conversations/referral-conversation.row';
import { ReferralRow } from './referral.row';
import type { FollowUpView, ReferralSummaryView } from './referral-summary.view';

export interface ReferralListFilter {
  readonly status?: ReferralStatus;
  /** Only the overdue ones. */
  readonly overdue?: boolean;
}

/** Who reads a list: their organisation, and the access-log entry that records each person named. */
export interface ListReader {
  readonly organisationId: string;
  readonly accessLog: PendingAccessLogEntry;
}

export interface PageRequest {
  readonly limit?: number;
  readonly cursor?: string;
}

/** Overdue first, then by due date: the order of every list of open work. */
const WORK_ORDER = `(CASE WHEN r.status = 'sent' AND r.due_on < :today THEN '0' ELSE '1' END) || to_char(r.due_on, 'YYYY-MM-DD')`;
const OVERDUE = `r.status = 'sent' AND r.due_on < :today`;
const UNREAD_BY_SENDER = 'c.referral_id = r.referral_id AND c.for_sender > c.read_by_sender';

/**
 * The lists of the referrals read model, each scoped to one organisation by the caller: the inbox (received), the
 * outbox (sent) and the follow-up list (declined or dropped, not yet sent again). Overdue is computed against
 * `today`, the Belgian date of the injected clock (docs/adr/0015).
 */
@Injectable()
export class ReferralLists {
  constructor(
    private readonly dataSource: DataSource,
    private readonly names: ReferralNames,
  ) {}

  inbox(reader: ListReader, today: CalendarDate, filter: ReferralListFilter, page: PageRequest) {
    return this.workList('r.to_organisation_id = :organisationId', reader, today, filter, page);
  }

  outbox(reader: ListReader, today: CalendarDate, filter: ReferralListFilter, page: PageRequest) {
    return this.workList('r.from_organisation_id = :organisationId', reader, today, filter, page);
  }

  /** One person's referrals sent or received by the organisation, oldest first (a person has a handful). */
  ofPerson(clientId: string, organisationId: string): Promise<ReferralRow[]> {
    return this.dataSource
      .getRepository(ReferralRow)
      .createQueryBuilder('r')
      .where('r.client_id = :clientId', { clientId })
      .andWhere('(r.from_organisation_id = :organisationId OR r.to_organisation_id = :organisationId)', {
        organisationId,
      })
      .orderBy('r.sent_on', 'ASC')
      .addOrderBy('r.referral_id', 'ASC')
      .getMany();
  }

  /**
   * Declined or dropped referrals of the sender that no later referral follows up (the person is back with it), and
   * those with replies the sender has not read (docs/adr/0029), each with its count of unread replies.
   */
  async followUp(reader: ListReader, today: CalendarDate, page: PageRequest): Promise<Page<FollowUpView>> {
    const { organisationId } = reader;
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(page.cursor);
    const query = this.rows()
      .where('r.from_organisation_id = :organisationId', { organisationId })
      .andWhere(
        new Brackets((either) =>
          either
            .where(
              `r.status IN ('declined', 'dropped') AND ` +
                'NOT EXISTS (SELECT 1 FROM referrals n WHERE n.previous_referral_id = r.referral_id)',
            )
            .orWhere(`EXISTS (SELECT 1 FROM referral_conversations c WHERE ${UNREAD_BY_SENDER})`),
        ),
      )
      .orderBy('r.status_changed_on', 'ASC')
      .addOrderBy('r.referral_id', 'ASC')
      .limit(limit + 1);
    if (after) {
      query.andWhere(`(to_char(r.status_changed_on, 'YYYY-MM-DD'), r.referral_id) > (:sortKey, :id)`, after);
    }
    const rows = await query.getMany();
    const names = await this.names.seenBy(organisationId, rows.slice(0, limit), today, reader.accessLog);
    const unread = await this.unreadReplies(rows.map((row) => row.referralId));
    return toPage(
      rows,
      limit,
      (row) => ({ sortKey: row.statusChangedOn, id: row.referralId }),
      (row) => ({
        unreadReplies: unread.get(row.referralId) ?? 0,
        ...summaryOf(row, today, names),
        clientId: row.clientId,
        trajectoryId: row.trajectoryId,
        needId: row.needId,
        declineReason: row.declineReason as DeclineReason | null,
        dropReason: row.dropReason as DropReason | null,
      }),
    );
  }

  /** Per referral, the replies its sender has not read. */
  private async unreadReplies(referralIds: readonly string[]): Promise<Map<string, number>> {
    if (referralIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(ReferralConversationRow)
      .createQueryBuilder('c')
      .where('c.referral_id IN (:...referralIds)', { referralIds })
      .getMany();
    return new Map(rows.map((row) => [row.referralId, Math.max(0, row.forSender - row.readBySender)]));
  }

  find(referralId: string): Promise<ReferralRow | null> {
    return this.rows().where('r.referral_id = :referralId', { referralId }).getOne();
  }

  private async workList(
    scope: string,
    reader: ListReader,
    today: CalendarDate,
    filter: ReferralListFilter,
    page: PageRequest,
  ): Promise<Page<ReferralSummaryView>> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(page.cursor);
    const query = this.rows()
      .where(scope, { organisationId: reader.organisationId })
      .setParameter('today', today)
      .orderBy(WORK_ORDER, 'ASC')
      .addOrderBy('r.referral_id', 'ASC')
      .limit(limit + 1);
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter.overdue === true) query.andWhere(OVERDUE);
    if (filter.overdue === false) query.andWhere(`NOT (${OVERDUE})`);
    if (after) query.andWhere(`(${WORK_ORDER}, r.referral_id) > (:sortKey, :id)`, after);
    const rows = await query.getMany();
    const names = await this.names.seenBy(reader.organisationId, rows.slice(0, limit), today, reader.accessLog);
    return toPage(
      rows,
      limit,
      (row) => ({ sortKey: workOrderKey(row, today), id: row.referralId }),
      (row) => summaryOf(row, today, names),
    );
  }

  private rows(): SelectQueryBuilder<ReferralRow> {
    return this.dataSource.getRepository(ReferralRow).createQueryBuilder('r');
  }
}

function workOrderKey(row: ReferralRow, today: CalendarDate): string {
  return `${isOverdue(row.status as ReferralStatus, row.dueOn, today) ? '0' : '1'}${row.dueOn}`;
}

export function summaryOf(row: ReferralRow, today: CalendarDate, names: ReferralNamesSeen): ReferralSummaryView {
  const status = row.status as ReferralStatus;
  return {
    referralId: row.referralId,
    clientName: names.clientName(row.clientId),
    fromOrganisationId: row.fromOrganisationId,
    fromOrganisationName: names.organisationName(row.fromOrganisationId),
    toOrganisationId: row.toOrganisationId,
    toOrganisationName: names.organisationName(row.toOrganisationId),
    service: row.service,
    lifeDomain: row.lifeDomain as LifeDomain,
    warm: row.warm,
    consentBasis: row.consentBasis as ReferralConsentBasis,
    status,
    overdue: isOverdue(status, row.dueOn, today),
    sentOn: row.sentOn,
    dueOn: row.dueOn,
    statusChangedOn: row.statusChangedOn,
    previousReferralId: row.previousReferralId,
    revision: Number(row.revision),
  };
}
