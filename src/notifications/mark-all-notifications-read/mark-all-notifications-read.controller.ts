import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { EmptyRequest } from '../common/empty.request';
import { NOTIFICATIONS_PROJECTION } from '../notification-inbox/notifications.projection';
import { MarkAllNotificationsRead } from './mark-all-notifications-read.command';

export class AllReadView {
  @ApiProperty({ type: 'integer', example: 0, description: 'Your unread notifications now: none.' })
  unreadCount!: number;
}

@ApiTags('Notifications')
@Controller('notifications')
export class MarkAllNotificationsReadController {
  constructor(private readonly commands: CommandBus) {}

  @Post('read')
  @HttpCode(200)
  @Roles('social_worker')
  @WaitsFor(NOTIFICATIONS_PROJECTION)
  @ApiCommandEndpoint(
    'Mark all your notifications read',
    'For `social_worker`s: every notification of your inbox made until now, for you only. Details: ' +
      'docs/notifications.md.',
    { resource: 'reading of your notifications' },
  )
  @ApiBody({ type: EmptyRequest, required: false })
  @ApiOkResponse({ type: AllReadView })
  async readAll(@Body() body: unknown, @Caller() caller: Caller): Promise<Answer<AllReadView>> {
    const { unreadCount, result } = await this.commands.execute(new MarkAllNotificationsRead(caller, body));
    return Answer.written({ unreadCount }, result);
  }
}
