import { Body, Controller, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../../shared/auth/access.decorators';
import { AccessLogEntry } from '../../shared/auth/access-log/access-logged.decorator';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders } from '../../shared/http/command-headers';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { IntakeCommands } from '../common/intake-commands';
import { OpenIntakeClaims } from '../common/open-intake-claims';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryParams } from '../common/params';
import { CloseIntakeRequest } from './close-intake.request';

@Controller('intake-trajectories')
export class CloseIntakeController {
  constructor(
    private readonly commands: IntakeCommands,
    private readonly claims: OpenIntakeClaims,
  ) {}

  @TrajectoryCommandEndpoint({
    path: 'closure',
    status: 200,
    body: CloseIntakeRequest,
    summary: 'Close the trajectory',
    description:
      'With its outcome. A closed trajectory refuses every command but a reopening (409 `INTAKE_CLOSED`); the ' +
      'organisation may open a new intake for the person.',
  })
  async close(
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
      requestType: CloseIntakeRequest,
      command: ({ request, occurredOn, today }) => ({
        type: 'CloseIntake' as const,
        outcome: request.outcome,
        occurredOn,
        today,
      }),
      after: ({ trajectory }) =>
        this.claims.release(trajectory.clientId, trajectory.organisationId, trajectory.trajectoryId),
    });
    return changeViewOf(result);
  }
}
