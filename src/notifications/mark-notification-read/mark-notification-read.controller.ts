import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { EmptyRequest } from '../common/empty.request';
import { NotificationParams } from '../common/params';
import { NotificationView } from '../notification-inbox/notification.view';
import { NOTIFICATIONS_PROJECTION } from '../notification-inbox/notifications.projection';
import { MarkNotificationRead } from './mark-notification-read.command';

@ApiTags('Notifications')
@Controller('notifications')
export class MarkNotificationReadController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':notificationId/read')
  @HttpCode(200)
  @Roles('social_worker')
  @WaitsFor(NOTIFICATIONS_PROJECTION)
  @ApiCommandEndpoint(
    'Mark a notification read',
    'For `social_worker`s, one notification of your own inbox (another’s: 404 `NOTIFICATION_NOT_FOUND`). Read ' +
      'for you only; reading it again changes nothing. Details: docs/notifications.md.',
    { resource: 'reading of your notifications' },
  )
  @ApiBody({ type: EmptyRequest, required: false })
  @ApiOkResponse({ type: NotificationView, description: 'The notification, read.' })
  @ApiProblemsWith({ problems: { 404: 'Not in your inbox (`NOTIFICATION_NOT_FOUND`).' } }, 404)
  async read(
    @Param() params: NotificationParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<NotificationView>> {
    const { notification, result } = await this.commands.execute(
      new MarkNotificationRead(caller, params.notificationId, body),
    );
    return Answer.written(notification, result);
  }
}
