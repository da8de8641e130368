import { Body, Controller, Inject, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ClientAccessList } from '../../clients';
import { OrganisationsQuery } from '../../partners';
import { CurrentUser } from '../../shared/auth/access.decorators';
import { AccessLogEntry } from '../../shared/auth/access-log/access-logged.decorator';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { Command, type CommandHeaders } from '../../shared/http/command-headers';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { IntakeCommands } from '../common/intake-commands';
import { OpenIntakeClaims } from '../common/open-intake-claims';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryParams } from '../common/params';
import { TransferResponsibilityRequest } from './transfer-responsibility.request';

@Controller('intake-trajectories')
export class TransferResponsibilityController {
  constructor(
    private readonly commands: IntakeCommands,
    private readonly organisations: OrganisationsQuery,
    private readonly clients: ClientAccessList,
    private readonly claims: OpenIntakeClaims,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @TrajectoryCommandEndpoint({
    path: 'transfer',
    status: 200,
    body: TransferResponsibilityRequest,
    summary: 'Transfer responsibility to another organisation',
    description:
      'For example when the person moves into a kracht.wonen house in another municipality. From then on the ' +
      'receiving organisation sees and works the trajectory, and yours gets 403. It must be active (400 otherwise), ' +
      "another one (409 `TRANSFER_TO_SAME_ORGANISATION`), one that may see the person (record the person's consent " +
      'to share with it first: 409 `RECEIVING_ORGANISATION_MAY_NOT_SEE_CLIENT`), and have no open intake for the ' +
      'person (409 `INTAKE_ALREADY_OPEN`).',
  })
  async transfer(
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
      requestType: TransferResponsibilityRequest,
      checks: async (request, invalid) =>
        invalid.ok('toOrganisationId') && !(await this.organisations.find(request.toOrganisationId))?.active
          ? [{ field: 'toOrganisationId', message: 'toOrganisationId must be an active registered organisation' }]
          : [],
      command: async ({ request, trajectory, occurredOn, today }) => ({
        type: 'TransferResponsibility' as const,
        toOrganisationId: request.toOrganisationId,
        toOrganisationActive: true,
        receiverMaySeeClient: (await this.clients.of(trajectory.clientId)).maySee(
          request.toOrganisationId,
          this.clock.now(),
        ),
        reason: request.reason,
        caseworkerId: request.caseworkerId ?? null,
        occurredOn,
        today,
      }),
      before: ({ request, trajectory }) =>
        this.claims.claim(trajectory.clientId, request.toOrganisationId, trajectory.trajectoryId),
      after: ({ trajectory }) =>
        this.claims.release(trajectory.clientId, trajectory.organisationId, trajectory.trajectoryId),
    });
    return changeViewOf(result);
  }
}
