import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganisationDirectory } from '../../partners';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import type { CalendarDate } from '../../shared/domain/calendar';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage } from '../../shared/http/pagination';
import { readerIdOf } from '../common/derived-id';
import type { NotificationKind } from '../domain/notification.values';
import type { NotificationPage, NotificationView } from './notification.view';

interface InboxRow {
  readonly notification_id: string;
  readonly kind: NotificationKind;
  readonly referral_id: string | null;
  readonly trajectory_id: string | null;
  readonly other_organisation_id: string | null;
  readonly link: string;
  readonly created_at: Date | string;
  readonly read: boolean;
  readonly arrival?: string | null;
}

/**
 * A user's inbox as one relation (parameters: $1 organisation, $2 roles, $3 user, $4 today, $5 reader): the stored
 * notifications for them, and the open deadlines past their date, derived at read time (docs/adr/0029). `read` is
 * the user's own: marked one by one, or everything up to a "mark all read".
 */
const INBOX = `
  WITH reader AS (SELECT all_read_at FROM notification_readers WHERE reader_id = $5),
  inbox AS (
    SELECT n.notification_id, n.kind, n.referral_id, n.trajectory_id, n.other_organisation_id, n.link,
           n.created_at, n.arrival
      FROM notifications n
     WHERE n.organisation_id = $1 AND n.audience_role = ANY($2::text[]) AND (n.user_id IS NULL OR n.user_id = $3)
    UNION ALL
    SELECT d.deadline_id, d.kind, d.referral_id, d.trajectory_id, d.other_organisation_id, d.link,
           d.shows_from::timestamp AT TIME ZONE 'UTC', NULL::bigint
      FROM notification_deadlines d
     WHERE d.open AND d.shows_from <= $4::date
       AND d.organisation_id = $1 AND d.audience_role = ANY($2::text[]) AND (d.user_id IS NULL OR d.user_id = $3)
  ),
  marked AS (
    SELECT i.*,
           (EXISTS (SELECT 1 FROM notification_reads r WHERE r.reader_id = $5 AND r.notification_id = i.notification_id)
            OR i.created_at <= COALESCE((SELECT all_read_at FROM reader), '-infinity'::timestamptz)) AS read
      FROM inbox i
  )`;

@Injectable()
export class NotificationInbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationDirectory,
  ) {}

  /** Newest first, with the count of unread ones. */
  async page(
    user: AuthenticatedUser,
    today: CalendarDate,
    page: { readonly limit?: number; readonly cursor?: string },
  ): Promise<NotificationPage> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(page.cursor);
    const rows = await this.dataSource.query<InboxRow[]>(
      `${INBOX}
       SELECT * FROM marked
        WHERE $6::timestamptz IS NULL OR (created_at, notification_id) < ($6::timestamptz, $7::uuid)
        ORDER BY created_at DESC, notification_id DESC
        LIMIT $8`,
      [...this.parameters(user, today), after?.sortKey ?? null, after?.id ?? null, limit + 1],
    );
    const views = await this.views(rows);
    const paged = toPage(
      views,
      limit,
      (view) => ({ sortKey: view.createdAt, id: view.notificationId }),
      (view) => view,
    );
    return { items: [...paged.items], nextCursor: paged.nextCursor, unreadCount: await this.unreadCount(user, today) };
  }

  /** One notification of the user's inbox, or undefined when it is not theirs (or not there). */
  async find(
    user: AuthenticatedUser,
    today: CalendarDate,
    notificationId: string,
  ): Promise<NotificationView | undefined> {
    const rows = await this.dataSource.query<InboxRow[]>(
      `${INBOX} SELECT * FROM marked WHERE notification_id = $6::uuid`,
      [...this.parameters(user, today), notificationId],
    );
    return (await this.views(rows))[0];
  }

  /** Stored notifications for the user that arrived after `arrival` (the live stream's mark), oldest first. */
  async arrivedAfter(
    user: AuthenticatedUser,
    today: CalendarDate,
    arrival: bigint,
  ): Promise<{ readonly views: NotificationView[]; readonly last: bigint }> {
    const rows = await this.dataSource.query<InboxRow[]>(
      `${INBOX} SELECT * FROM marked WHERE arrival > $6::bigint ORDER BY arrival ASC LIMIT 200`,
      [...this.parameters(user, today), arrival.toString()],
    );
    const last = rows.at(-1)?.arrival;
    return { views: await this.views(rows), last: last ? BigInt(last) : arrival };
  }

  /** The newest arrival of any inbox: where a live stream starts. */
  async lastArrival(): Promise<bigint> {
    const [row] = await this.dataSource.query<{ last: string | null }[]>(
      'SELECT max(arrival)::text AS last FROM notifications',
    );
    return BigInt(row?.last ?? 0);
  }

  async unreadCount(user: AuthenticatedUser, today: CalendarDate): Promise<number> {
    const [count] = await this.dataSource.query<{ unread: number }[]>(
      `${INBOX} SELECT count(*)::integer AS unread FROM marked WHERE NOT read`,
      this.parameters(user, today),
    );
    return count?.unread ?? 0;
  }

  private parameters(user: AuthenticatedUser, today: CalendarDate): unknown[] {
    return [user.organisationId, [...user.roles], user.userId, today, readerIdOf(user.userId)];
  }

  /** The rows as views, each organisation named from the partners' directory. */
  private async views(rows: readonly InboxRow[]): Promise<NotificationView[]> {
    const names = new Map<string, string | null>();
    for (const id of new Set(rows.map((row) => row.other_organisation_id))) {
      if (id !== null) names.set(id, (await this.organisations.find(id))?.name ?? null);
    }
    return rows.map((row) => ({
      notificationId: row.notification_id,
      kind: row.kind,
      referralId: row.referral_id,
      trajectoryId: row.trajectory_id,
      organisationId: row.other_organisation_id,
      organisationName: row.other_organisation_id === null ? null : (names.get(row.other_organisation_id) ?? null),
      link: row.link,
      createdAt: new Date(row.created_at).toISOString(),
      read: row.read,
    }));
  }
}
