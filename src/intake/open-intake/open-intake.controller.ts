import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ClientAccessList } from '../../clients';
import { OrganisationsQuery } from '../../partners';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import { AccessLogEntry, AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { commandContext } from '../../shared/commands/command-context';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { today } from '../../shared/domain/today';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { validateRequest } from '../../shared/http/request-validation';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { changeViewOf, IntakeChangeView } from '../common/intake-change.view';
import { ApiIntakeCommand } from '../common/openapi';
import { originDetailProblems } from '../domain/intake.decider';
import { occurredOnProblems } from '../domain/input-rules';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../intake-trajectories/intake-trajectories.projection';
import { OpenIntakeHandler } from './open-intake.handler';
import { OpenIntakeRequest } from './open-intake.request';

@Controller('intake-trajectories')
export class OpenIntakeController {
  constructor(
    private readonly handler: OpenIntakeHandler,
    private readonly clients: ClientAccessList,
    private readonly organisations: OrganisationsQuery,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('social_worker')
  @AccessLogged({ resource: 'intakeTrajectory', action: 'write' })
  @ApiIntakeCommand(
    'Open an intake trajectory',
    'Opens the integrated broad intake (GBO) of a person your organisation may see (it registered them, or the ' +
      "person's consent names it; 403 otherwise). Your organisation is responsible; the caseworker defaults to you. " +
      'One open intake per person per organisation: a second is refused with 409 `INTAKE_ALREADY_OPEN`. An unknown ' +
      'person is a 400 field error; an erased one 409 `CLIENT_ERASED`. Answers 201 with `Location` and the ETag.',
  )
  @ApiBody({ type: OpenIntakeRequest })
  @ApiCreatedResponse({ type: IntakeChangeView })
  async open(
    @Body() body: unknown,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @AccessLogEntry() accessLog: PendingAccessLogEntry,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IntakeChangeView> {
    const date = today(this.clock);
    const request = await validateRequest(OpenIntakeRequest, body, async (candidate, invalid) => {
      const problems: FieldProblem[] = occurredOnProblems(candidate.occurredOn ?? date, { today: date });
      if (invalid.ok('origin') && invalid.ok('referringOrganisationId') && invalid.ok('signalSource')) {
        const referringOrganisationId = candidate.referringOrganisationId ?? null;
        problems.push(
          ...originDetailProblems({
            origin: candidate.origin,
            referringOrganisationId,
            referringOrganisationKnown:
              referringOrganisationId !== null && !!(await this.organisations.find(referringOrganisationId)),
            signalSource: candidate.signalSource ?? null,
          }),
        );
      }
      if (invalid.ok('clientId') && (await this.clients.of(candidate.clientId)).status === 'unregistered') {
        problems.push({ field: 'clientId', message: 'clientId must be a registered person' });
      }
      return problems.filter((problem) => invalid.ok(problem.field));
    });
    accessLog.addPerson(request.clientId);

    const result = await this.handler.execute(
      {
        clientId: request.clientId,
        caseworkerId: request.caseworkerId ?? user.userId,
        origin: request.origin,
        referringOrganisationId: request.referringOrganisationId ?? null,
        signalSource: request.signalSource ?? null,
        occurredOn: request.occurredOn ?? date,
        today: date,
      },
      commandContext(user, headers),
    );
    const view = changeViewOf(result);
    accessLog.setResourceId(view.trajectoryId);
    await this.readYourWrites.waitFor(result, [INTAKE_TRAJECTORIES_PROJECTION]);
    void reply.code(201);
    void reply.header('location', `/intake-trajectories/${view.trajectoryId}`);
    setEtag(reply, result.revision);
    return view;
  }
}
