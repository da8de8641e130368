import { Body, Controller, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../../shared/auth/access.decorators';
import { AccessLogEntry } from '../../shared/auth/access-log/access-logged.decorator';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { newResourceId } from '../../shared/commands/command-executor';
import { Command, type CommandHeaders } from '../../shared/http/command-headers';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { IntakeCommands } from '../common/intake-commands';
import { NeedDescriptions } from '../common/need-descriptions';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryParams } from '../common/params';
import { RecordNeedRequest } from './record-need.request';

@Controller('intake-trajectories')
export class RecordNeedController {
  constructor(
    private readonly commands: IntakeCommands,
    private readonly descriptions: NeedDescriptions,
  ) {}

  @TrajectoryCommandEndpoint({
    path: 'needs',
    status: 201,
    body: RecordNeedRequest,
    summary: 'Record a need',
    description:
      "A need found at intake, in a life domain, with a short description sealed with the person's key. Rights " +
      'explored and unmet needs may name it (`needId`). Refused with 409 `CLIENT_ERASED` once the person is erased.',
  })
  async record(
    @Param() params: TrajectoryParams,
    @Body() body: unknown,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @AccessLogEntry() accessLog: PendingAccessLogEntry,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IntakeChangeView> {
    const { result, command } = await this.commands.run({
      trajectoryId: params.trajectoryId,
      user,
      headers,
      accessLog,
      reply,
      body,
      requestType: RecordNeedRequest,
      checks: (request) =>
        typeof request.description === 'string' && request.description.trim() === ''
          ? [{ field: 'description', message: 'description must not be blank; leave it out instead' }]
          : [],
      command: async ({ request, trajectory, occurredOn, today, context }) => ({
        type: 'RecordNeed' as const,
        needId: newResourceId(context, `intakeNeed:${params.trajectoryId}`),
        lifeDomain: request.lifeDomain,
        description:
          typeof request.description === 'string'
            ? await this.descriptions.seal(trajectory.clientId, request.description.trim())
            : null,
        occurredOn,
        today,
      }),
    });
    return changeViewOf(result, { needId: command.needId });
  }
}
