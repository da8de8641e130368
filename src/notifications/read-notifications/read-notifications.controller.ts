import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { PageQuery } from '../../shared/http/pagination';
import { NotificationPage } from '../notification-inbox/notification.view';
import { ReadNotifications } from './read-notifications.query';

@ApiTags('Notifications')
@Controller('notifications')
export class ReadNotificationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('social_worker')
  @ApiQueryEndpoint(
    'Your notifications',
    'For `social_worker`s: what concerns you, newest first (a referral received; accepted, declined, a message or ' +
      'completed; overdue, derived from its due date today; a transfer of responsibility to your organisation), ' +
      'with your `unreadCount`. Ids, kinds, organisation names and a link: no personal data. Details: ' +
      'docs/notifications.md.',
  )
  @ApiOkResponse({ type: NotificationPage })
  list(@Query() query: PageQuery, @Caller() caller: Caller): Promise<NotificationPage> {
    return this.queries.execute(new ReadNotifications(caller, query));
  }
}
