import { Body, Controller, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ClientAccessList } from '../../clients';
import { RightsCatalogueQuery } from '../../partners';
import { CurrentUser } from '../../shared/auth/access.decorators';
import { AccessLogEntry } from '../../shared/auth/access-log/access-logged.decorator';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { Command, type CommandHeaders } from '../../shared/http/command-headers';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { IntakeCommands } from '../common/intake-commands';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryParams } from '../common/params';
import { needProblems } from '../domain/intake.decider';
import { ExploreRightRequest } from './explore-right.request';

@Controller('intake-trajectories')
export class ExploreRightController {
  constructor(
    private readonly commands: IntakeCommands,
    private readonly catalogue: RightsCatalogueQuery,
    private readonly clients: ClientAccessList,
  ) {}

  @TrajectoryCommandEndpoint({
    path: 'rights',
    status: 201,
    body: ExploreRightRequest,
    summary: 'Explore a right',
    description:
      "Explores a right of the rights catalogue for the person: it must apply in the person's municipality of " +
      'residence on `occurredOn` (a local right of another municipality, a retired or unknown right: 400). Then ' +
      '`/rights/{rightId}/application`, `/grant` (also straight after exploring, for rights given automatically) ' +
      'and `/refusal`. Exploring a right twice: 409 `RIGHT_ALREADY_EXPLORED`.',
  })
  async explore(
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
      requestType: ExploreRightRequest,
      checks: async (request, invalid, trajectory, today) => {
        const problems: FieldProblem[] = needProblems(trajectory, request.needId ?? null);
        if (
          invalid.ok('rightId') &&
          !(await this.offered(request.rightId, trajectory.clientId, request.occurredOn ?? today))
        ) {
          problems.push({
            field: 'rightId',
            message: "rightId must be a right of the rights catalogue offered in the person's municipality",
          });
        }
        return problems;
      },
      command: async ({ request, occurredOn, today }) => ({
        type: 'ExploreRight' as const,
        rightId: request.rightId,
        lifeDomain: (await this.catalogue.find(request.rightId))!.lifeDomain,
        rightOffered: true,
        needId: request.needId ?? null,
        occurredOn,
        today,
      }),
    });
    return changeViewOf(result);
  }

  /** Offered in the municipality the person lived in on the date (a date not yet valid reads as today's). */
  private async offered(rightId: string, clientId: string, on: string): Promise<boolean> {
    const municipalityId = (await this.clients.of(clientId)).municipalityOfResidence(on);
    return municipalityId !== undefined && (await this.catalogue.appliesIn(rightId, municipalityId));
  }
}
