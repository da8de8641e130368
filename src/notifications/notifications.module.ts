import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners';
import { NotificationReaders } from './common/notification-readers';
import { MarkAllNotificationsReadController } from './mark-all-notifications-read/mark-all-notifications-read.controller';
import { MarkAllNotificationsReadHandler } from './mark-all-notifications-read/mark-all-notifications-read.handler';
import { MarkNotificationReadController } from './mark-notification-read/mark-notification-read.controller';
import { MarkNotificationReadHandler } from './mark-notification-read/mark-notification-read.handler';
import { NotificationInbox } from './notification-inbox/notification-inbox';
import { NotificationFeed } from './notification-stream/notification-feed';
import { NotificationStreamController } from './notification-stream/notification-stream.controller';
import { ReadNotificationsController } from './read-notifications/read-notifications.controller';
import { ReadNotificationsHandler } from './read-notifications/read-notifications.handler';

/**
 * Notifications (docs/domain.md, capability 9; docs/notifications.md): each user's inbox of what concerns them,
 * projected from the other capabilities' events, read one by one or all at once, and streamed live (docs/adr/0029).
 */
@Module({
  imports: [PartnersModule],
  controllers: [
    // Fixed paths before `:notificationId`.
    NotificationStreamController,
    ReadNotificationsController,
    MarkAllNotificationsReadController,
    MarkNotificationReadController,
  ],
  providers: [
    NotificationInbox,
    NotificationReaders,
    NotificationFeed,
    ReadNotificationsHandler,
    MarkNotificationReadHandler,
    MarkAllNotificationsReadHandler,
  ],
})
export class NotificationsModule {}
