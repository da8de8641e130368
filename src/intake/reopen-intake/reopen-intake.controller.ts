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
import { afterClosure } from '../domain/intake.decider';
import { ReopenIntakeRequest } from './reopen-intake.request';

@Controller('intake-trajectories')
export class ReopenIntakeController {
  constructor(
    private readonly commands: IntakeCommands,
    private readonly claims: OpenIntakeClaims,
  ) {}

  @TrajectoryCommandEndpoint({
    path: 'reopening',
    status: 200,
    body: ReopenIntakeRequest,
    summary: 'Reopen a closed trajectory',
    description:
      'A new fact: the closure stays in the history. Not before the closure. 409 `INTAKE_NOT_CLOSED` on an open ' +
      'trajectory; 409 `INTAKE_ALREADY_OPEN` when the organisation has opened another intake for the person since.',
  })
  async reopen(
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
      requestType: ReopenIntakeRequest,
      dateBounds: afterClosure,
      command: ({ occurredOn, today }) => ({ type: 'ReopenIntake' as const, occurredOn, today }),
      before: ({ trajectory }) =>
        this.claims.claim(trajectory.clientId, trajectory.organisationId, trajectory.trajectoryId),
    });
    return changeViewOf(result);
  }
}
