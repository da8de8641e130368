import { eventDecoder, object, string } from '../../shared/domain/event-decoding';
import type { NotificationReaderEvent } from './notification-reader.events';

/** The one way a stored reader event becomes a `NotificationReaderEvent` (docs/adr/0025). */
export const decodeNotificationReaderEvent = eventDecoder<NotificationReaderEvent>({
  NotificationRead: object({ readerId: string, notificationId: string }),
  NotificationsAllRead: object({ readerId: string, readAt: string }),
});
