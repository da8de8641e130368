import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { NotificationInbox } from '../notification-inbox/notification-inbox';
import type { NotificationPage } from '../notification-inbox/notification.view';
import { ReadNotifications } from './read-notifications.query';

@QueryHandler(ReadNotifications)
export class ReadNotificationsHandler implements IQueryHandler<ReadNotifications> {
  constructor(
    private readonly inbox: NotificationInbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ caller, page }: ReadNotifications): Promise<NotificationPage> {
    // Overdue is derived against the clock here, where the inbox is read (docs/adr/0029).
    return this.inbox.page(caller.user, today(this.clock), page);
  }
}
