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
import { assessmentProblems } from '../domain/input-rules';
import { AssessLifeDomainsRequest } from './assess-life-domains.request';

@Controller('intake-trajectories')
export class AssessLifeDomainsController {
  constructor(private readonly commands: IntakeCommands) {}

  @TrajectoryCommandEndpoint({
    path: 'assessments',
    status: 201,
    body: AssessLifeDomainsRequest,
    summary: 'Assess life domains',
    description:
      'Scores 1–5 per life domain (partial assessments allowed) and problem flags. Repeatable: the first is the ' +
      'baseline, later ones are follow-ups that show change. Scores outside 1–5 and unknown domains or flags are ' +
      'each a 400 field error.',
  })
  async assess(
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
      requestType: AssessLifeDomainsRequest,
      checks: (request) => assessmentProblems(request.scores, request.problemFlags ?? []),
      command: ({ request, occurredOn, today, context }) => ({
        type: 'AssessLifeDomains' as const,
        assessmentId: newResourceId(context, `intakeAssessment:${params.trajectoryId}`),
        scores: request.scores,
        problemFlags: request.problemFlags ?? [],
        occurredOn,
        today,
      }),
    });
    return changeViewOf(result, { assessmentId: command.assessmentId });
  }
}
