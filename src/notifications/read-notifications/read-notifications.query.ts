import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { PageQuery } from '../../shared/http/pagination';
import type { NotificationPage } from '../notification-inbox/notification.view';

/** The caller's own inbox, newest first, with their unread count. */
export class ReadNotifications extends Query<NotificationPage> {
  constructor(
    readonly caller: Caller,
    readonly page: PageQuery,
  ) {
    super();
  }
}
