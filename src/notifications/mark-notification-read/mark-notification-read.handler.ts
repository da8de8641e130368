import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { NotFound } from '../../shared/domain/domain-error';
import { today } from '../../shared/domain/today';
import { readerIdOf } from '../common/derived-id';
import { expectNoFields } from '../common/empty.request';
import { NotificationReaders } from '../common/notification-readers';
import { NotificationInbox } from '../notification-inbox/notification-inbox';
import { MarkNotificationRead, type ReadNotification } from './mark-notification-read.command';

@CommandHandler(MarkNotificationRead)
export class MarkNotificationReadHandler implements ICommandHandler<MarkNotificationRead> {
  constructor(
    private readonly inbox: NotificationInbox,
    private readonly readers: NotificationReaders,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, notificationId, body }: MarkNotificationRead): Promise<ReadNotification> {
    expectNoFields(body);
    // Only a notification of the caller's own inbox: another's is answered as if it did not exist.
    const notification = await this.inbox.find(caller.user, today(this.clock), notificationId);
    if (notification === undefined) throw new NotFound('NOTIFICATION_NOT_FOUND', 'No such notification.');
    const result = await this.readers.execute(
      {
        type: 'MarkNotificationRead',
        readerId: readerIdOf(caller.user.userId),
        notificationId,
        createdAt: notification.createdAt,
      },
      caller,
    );
    return { notification: { ...notification, read: true }, result };
  }
}
