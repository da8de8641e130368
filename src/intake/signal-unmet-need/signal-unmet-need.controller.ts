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
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryParams } from '../common/params';
import { needProblems } from '../domain/intake.decider';
import { SignalUnmetNeedRequest } from './signal-unmet-need.request';

@Controller('intake-trajectories')
export class SignalUnmetNeedController {
  constructor(private readonly commands: IntakeCommands) {}

  @TrajectoryCommandEndpoint({
    path: 'unmet-needs',
    status: 201,
    body: SignalUnmetNeedRequest,
    summary: 'Signal an unmet need',
    description:
      'A need no partner can answer now (niet-toeleidbaar), with the reason: no suitable offer, a waiting list, not ' +
      'eligible, or a threshold of cost, mobility, language or digital access. The data behind signalling thresholds.',
  })
  async signal(
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
      requestType: SignalUnmetNeedRequest,
      checks: (request, _invalid, trajectory) => needProblems(trajectory, request.needId ?? null),
      command: ({ request, occurredOn, today, context }) => ({
        type: 'SignalUnmetNeed' as const,
        unmetNeedId: newResourceId(context, `intakeUnmetNeed:${params.trajectoryId}`),
        lifeDomain: request.lifeDomain,
        reason: request.reason,
        needId: request.needId ?? null,
        occurredOn,
        today,
      }),
    });
    return changeViewOf(result, { unmetNeedId: command.unmetNeedId });
  }
}
