import type { DomainEvent } from '../../shared/domain/domain-event';

/**
 * What one user has read of their inbox, stream `notificationReader-<readerId>` (docs/adr/0029). The reader id is
 * derived from the user's id by a hash, so that no user id is in a stream name; nothing here is personal data.
 */
export type NotificationRead = DomainEvent<
  'NotificationRead',
  { readonly readerId: string; readonly notificationId: string }
>;

/** Every notification of the inbox up to `readAt` (ISO-8601 UTC) is read, those derived from deadlines included. */
export type NotificationsAllRead = DomainEvent<
  'NotificationsAllRead',
  { readonly readerId: string; readonly readAt: string }
>;

export type NotificationReaderEvent = NotificationRead | NotificationsAllRead;

export const NOTIFICATION_READER_EVENT_TYPES = [
  'NotificationRead',
  'NotificationsAllRead',
] as const satisfies readonly NotificationReaderEvent['type'][];

/** Stream category: `notificationReader-<readerId>`. */
export const NOTIFICATION_READER_CATEGORY = 'notificationReader';
