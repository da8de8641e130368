import { Body, Controller, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../../shared/auth/access.decorators';
import { AccessLogEntry } from '../../shared/auth/access-log/access-logged.decorator';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders } from '../../shared/http/command-headers';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { IntakeCommands } from '../common/intake-commands';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryRightParams } from '../common/params';
import { ApplyForRightRequest } from './apply-for-right.request';

@Controller('intake-trajectories')
export class ApplyForRightController {
  constructor(private readonly commands: IntakeCommands) {}

  @TrajectoryCommandEndpoint({
    path: 'rights/:rightId/application',
    status: 200,
    body: ApplyForRightRequest,
    summary: 'Record an application for a right',
    description:
      'The person applied for an explored right (or applied again after a refusal). 409 `RIGHT_NOT_EXPLORED`, ' +
      '`RIGHT_ALREADY_APPLIED` (an application is pending) or `RIGHT_ALREADY_GRANTED`.',
  })
  async apply(
    @Param() params: TrajectoryRightParams,
    @Body() body: unknown,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @AccessLogEntry() accessLog: PendingAccessLogEntry,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IntakeChangeView> {
    const { result } = await this.commands.run({
      trajectoryId: params.trajectoryId,
      user,
      headers,
      accessLog,
      reply,
      body,
      requestType: ApplyForRightRequest,
      command: ({ occurredOn, today }) => ({
        type: 'ApplyForRight' as const,
        rightId: params.rightId,
        occurredOn,
        today,
      }),
    });
    return changeViewOf(result);
  }
}
