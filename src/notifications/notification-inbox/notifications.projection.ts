import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../../shared/event-store';
import type { ProjectionHandler } from '../../shared/projections';
import { decodeNotificationReaderEvent } from '../domain/notification-reader.decoder';
import { NOTIFICATION_READER_EVENT_TYPES } from '../domain/notification-reader.events';
import { type InboxChange, NOTIFICATION_SOURCES, type ReferralPartiesLookup } from './notification-sources';

export const NOTIFICATIONS_PROJECTION = 'notifications.inbox';

const READER_EVENTS: ReadonlySet<string> = new Set(NOTIFICATION_READER_EVENT_TYPES);

/**
 * Every user's inbox (docs/notifications.md, docs/adr/0029): each source turns the events of its capability into
 * notifications and deadlines; the readers' own events record what they read. Every write is keyed by an id derived
 * from the event, so a re-delivered event changes nothing.
 */
export const notificationsProjection: ProjectionHandler = {
  name: NOTIFICATIONS_PROJECTION,
  version: 2,
  filter: {
    on: 'eventType',
    prefixes: [
      ...NOTIFICATION_SOURCES.flatMap((source) => source.eventTypePrefixes),
      ...NOTIFICATION_READER_EVENT_TYPES,
    ],
  },
  async handle(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    const referralParties: ReferralPartiesLookup = async (referralId) => {
      const [row] = await tx.query<{ sender_organisation_id: string; receiver_organisation_id: string }[]>(
        'SELECT sender_organisation_id, receiver_organisation_id FROM notification_referrals WHERE referral_id = $1',
        [referralId],
      );
      return (
        row && {
          senderOrganisationId: row.sender_organisation_id,
          receiverOrganisationId: row.receiver_organisation_id,
        }
      );
    };
    for (const event of events) {
      if (READER_EVENTS.has(event.type)) {
        await applyReading(event, tx);
        continue;
      }
      for (const source of NOTIFICATION_SOURCES) {
        if (!source.eventTypePrefixes.some((prefix) => event.type.startsWith(prefix))) continue;
        for (const change of await source.changesOf(event, referralParties)) await apply(change, tx);
      }
    }
  },
  async reset(tx: EntityManager): Promise<void> {
    for (const table of [
      'notifications',
      'notification_deadlines',
      'notification_referrals',
      'notification_reads',
      'notification_readers',
    ]) {
      await tx.query(`DELETE FROM ${table}`);
    }
  },
};

async function apply(change: InboxChange, tx: EntityManager): Promise<void> {
  switch (change.change) {
    case 'notify': {
      const n = change.notification;
      await tx.query(
        `INSERT INTO notifications (notification_id, organisation_id, audience_role, user_id, kind, referral_id,
                                    trajectory_id, other_organisation_id, link, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (notification_id) DO NOTHING`,
        [
          n.notificationId,
          n.organisationId,
          n.audienceRole,
          n.userId,
          n.kind,
          n.referralId,
          n.trajectoryId,
          n.otherOrganisationId,
          n.link,
          n.createdAt,
        ],
      );
      return;
    }
    case 'deadline': {
      const d = change.deadline;
      await tx.query(
        `INSERT INTO notification_deadlines (deadline_id, subject_id, organisation_id, audience_role, user_id, kind,
                                             referral_id, trajectory_id, other_organisation_id, link, shows_from, open)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true)
         ON CONFLICT (deadline_id) DO UPDATE SET shows_from = EXCLUDED.shows_from`,
        [
          d.deadlineId,
          d.subjectId,
          d.organisationId,
          d.audienceRole,
          d.userId,
          d.kind,
          d.referralId,
          d.trajectoryId,
          d.otherOrganisationId,
          d.link,
          d.showsFrom,
        ],
      );
      return;
    }
    case 'amend-deadlines':
      await tx.query(
        `UPDATE notification_deadlines SET user_id = COALESCE($2, user_id), shows_from = COALESCE($3, shows_from)
          WHERE subject_id = $1`,
        [change.subjectId, change.userId ?? null, change.showsFrom ?? null],
      );
      return;
    case 'close-deadlines':
      await tx.query('UPDATE notification_deadlines SET open = false WHERE subject_id = $1', [change.subjectId]);
      return;
    case 'referral-parties':
      await tx.query(
        `INSERT INTO notification_referrals (referral_id, sender_organisation_id, receiver_organisation_id)
         VALUES ($1, $2, $3) ON CONFLICT (referral_id) DO NOTHING`,
        [change.referralId, change.senderOrganisationId, change.receiverOrganisationId],
      );
      return;
  }
}

async function applyReading(event: RecordedEvent, tx: EntityManager): Promise<void> {
  const decoded = decodeNotificationReaderEvent(event);
  if (decoded.type === 'NotificationRead') {
    await tx.query(
      'INSERT INTO notification_reads (reader_id, notification_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [decoded.data.readerId, decoded.data.notificationId],
    );
  } else {
    await tx.query(
      `INSERT INTO notification_readers (reader_id, all_read_at) VALUES ($1, $2)
       ON CONFLICT (reader_id) DO UPDATE SET all_read_at = GREATEST(notification_readers.all_read_at, EXCLUDED.all_read_at)`,
      [decoded.data.readerId, decoded.data.readAt],
    );
  }
}
