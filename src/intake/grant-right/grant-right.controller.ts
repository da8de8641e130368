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
import { grantedUntilProblems } from '../domain/input-rules';
import { GrantRightRequest } from './grant-right.request';

@Controller('intake-trajectories')
export class GrantRightController {
  constructor(private readonly commands: IntakeCommands) {}

  @TrajectoryCommandEndpoint({
    path: 'rights/:rightId/grant',
    status: 200,
    body: GrantRightRequest,
    summary: 'Record that a right was granted',
    description:
      'The right is realised: after an application, or straight after exploring it for rights given automatically. ' +
      'With the amount and end where relevant. 409 `RIGHT_NOT_EXPLORED`, `RIGHT_NOT_APPLIED` (refused: apply ' +
      'again first) or `RIGHT_ALREADY_GRANTED`.',
  })
  async grant(
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
      requestType: GrantRightRequest,
      checks: (request, _invalid, _trajectory, today) =>
        grantedUntilProblems(request.grantedUntil ?? null, request.occurredOn ?? today),
      command: ({ request, occurredOn, today }) => ({
        type: 'GrantRight' as const,
        rightId: params.rightId,
        amountCents: request.amountCents ?? null,
        grantedUntil: request.grantedUntil ?? null,
        occurredOn,
        today,
      }),
    });
    return changeViewOf(result);
  }
}
