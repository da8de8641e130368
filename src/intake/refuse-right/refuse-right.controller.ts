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
import { RefuseRightRequest } from './refuse-right.request';

@Controller('intake-trajectories')
export class RefuseRightController {
  constructor(private readonly commands: IntakeCommands) {}

  @TrajectoryCommandEndpoint({
    path: 'rights/:rightId/refusal',
    status: 200,
    body: RefuseRightRequest,
    summary: 'Record that a right was refused',
    description:
      'The pending application was refused, with the reason. 409 `RIGHT_NOT_EXPLORED`, `RIGHT_NOT_APPLIED` or ' +
      '`RIGHT_ALREADY_GRANTED`. The person may apply again.',
  })
  async refuse(
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
      requestType: RefuseRightRequest,
      command: ({ request, occurredOn, today }) => ({
        type: 'RefuseRight' as const,
        rightId: params.rightId,
        reason: request.reason,
        occurredOn,
        today,
      }),
    });
    return changeViewOf(result);
  }
}
