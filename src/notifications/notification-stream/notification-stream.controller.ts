import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiProblems } from '../../shared/http/openapi';
import { NotificationFeed } from './notification-feed';

@ApiTags('Notifications')
@Controller('notifications')
export class NotificationStreamController {
  constructor(private readonly feed: NotificationFeed) {}

  @Get('stream')
  @Roles('social_worker')
  @ApiOperation({
    summary: 'Your notifications, live (server-sent events)',
    description:
      'For `social_worker`s: `text/event-stream` for a web page (an EventSource that sends the bearer token in ' +
      'the `Authorization` header). First `event: ready` with `{"unreadCount":…}`, then one `event: notification` ' +
      '(`id:` the notification id, `data:` a notification as `GET /notifications` shows it) for each new one, and a ' +
      '`: heartbeat` comment when quiet. The service ends the stream when it shuts down; reconnect and read ' +
      '`GET /notifications` for what you missed. Details: docs/notifications.md.',
  })
  @ApiProduces('text/event-stream')
  @ApiResponse({ status: 200, description: 'The stream of server-sent events.' })
  @ApiProblems(400)
  async stream(@Caller() caller: Caller, @Res() reply: FastifyReply): Promise<void> {
    // The stream outlives the handler: Fastify hands the raw response over (docs/adr/0029).
    reply.hijack();
    await this.feed.open(caller.user, reply.raw);
  }
}
