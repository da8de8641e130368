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
import { TrajectoryParams } from '../common/params';
import { AssignCaseworkerRequest } from './assign-caseworker.request';

@Controller('intake-trajectories')
export class AssignCaseworkerController {
  constructor(private readonly commands: IntakeCommands) {}

  @TrajectoryCommandEndpoint({
    path: 'caseworker',
    status: 200,
    body: AssignCaseworkerRequest,
    summary: 'Assign or reassign the caseworker',
    description:
      'A social worker of the responsible organisation, by user id (no directory exists: any well-formed id). The ' +
      'same caseworker again changes nothing.',
  })
  async assign(
    @Param() params: TrajectoryParams,
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
      requestType: AssignCaseworkerRequest,
      command: ({ request, occurredOn, today }) => ({
        type: 'AssignCaseworker' as const,
        caseworkerId: request.caseworkerId,
        occurredOn,
        today,
      }),
    });
    return changeViewOf(result);
  }
}
