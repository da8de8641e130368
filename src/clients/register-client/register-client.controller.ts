import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import { AccessLogEntry, AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { MunicipalitiesQuery } from '../../partners';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { CLIENT_API_TEXTS } from '../common/openapi';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { validateRequest } from '../../shared/http/request-validation';
import { today } from '../../shared/domain/today';
import { toPostalAddress } from '../common/address.request';
import { CLIENT_PEOPLE_PROJECTION } from '../client-summary/client-people.projection';
import { CLIENT_REGISTER_PROJECTION } from '../client-register/client-register.projection';
import { CLIENT_RESIDENCES_PROJECTION } from '../client-residences/client-residences.projection';
import type { FieldProblem } from '../../shared/domain/field-problem';
import {
  householdProblems,
  normalisePersonalDetails,
  type PersonalDetails,
  personalDetailsProblems,
} from '../domain/personal-details';
import { RegisterClientHandler } from './register-client.handler';
import { RegisterClientRequest } from './register-client.request';
import { RegistrationView } from './registration.view';

@ApiTags('Clients')
@Controller('clients')
export class RegisterClientController {
  constructor(
    private readonly handler: RegisterClientHandler,
    private readonly municipalities: MunicipalitiesQuery,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', action: 'write' })
  @ApiCommandEndpoint(
    'Register a person',
    'Registers a person once for the region; their organisation then works with them. An INSZ that is registered ' +
      'already answers 200 with that person\'s id only (`outcome: "already_registered"`), storing nothing. Same name ' +
      'and birth date as someone registered: `possibleDuplicates` warns. Personal data is stored sealed with the ' +
      "person's own key (docs/privacy.md).",
    CLIENT_API_TEXTS,
  )
  @ApiBody({ type: RegisterClientRequest })
  @ApiCreatedResponse({ type: RegistrationView, description: 'Registered; ETag and Location given.' })
  @ApiOkResponse({ type: RegistrationView, description: "The INSZ was registered already: that person's id." })
  async register(
    @Body() body: unknown,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @AccessLogEntry() accessLog: PendingAccessLogEntry,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegistrationView> {
    const date = today(this.clock);
    const request = await validateRequest(RegisterClientRequest, body, async (candidate, invalid) => {
      const problems: FieldProblem[] = [
        ...personalDetailsProblems(detailsOf(candidate), date),
        ...householdProblems(candidate.household ?? { adults: 0, children: 0 }),
      ].filter((problem) => invalid.ok(problem.field));
      if (invalid.ok('municipalityId') && !(await this.municipalities.find(candidate.municipalityId))) {
        problems.push({ field: 'municipalityId', message: 'municipalityId must be a registered municipality' });
      }
      return problems;
    });

    const outcome = await this.handler.execute(
      {
        details: normalisePersonalDetails(detailsOf(request)),
        municipalityId: request.municipalityId,
        household: { adults: request.household.adults, children: request.household.children },
        mainIncomeSource: request.mainIncomeSource,
        today: date,
      },
      commandContext(user, headers),
      accessLog,
    );
    accessLog.setResourceId(outcome.clientId);
    accessLog.addPerson(outcome.clientId);
    void reply.header('location', `/clients/${outcome.clientId}`);
    if (outcome.kind === 'already_registered') {
      void reply.code(200);
      return { clientId: outcome.clientId, outcome: 'already_registered', possibleDuplicates: [] };
    }
    await this.readYourWrites.waitFor(outcome.result, [
      CLIENT_PEOPLE_PROJECTION,
      CLIENT_REGISTER_PROJECTION,
      CLIENT_RESIDENCES_PROJECTION,
    ]);
    void reply.code(201);
    setEtag(reply, outcome.result.revision);
    return {
      clientId: outcome.clientId,
      outcome: 'registered',
      revision: Number(outcome.result.revision),
      possibleDuplicates: [...outcome.possibleDuplicates],
    };
  }
}

/** The personal details a request names; anything malformed reads as blank (its field is reported already). */
function detailsOf(request: RegisterClientRequest): PersonalDetails {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const optional = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
  return {
    givenName: text(request.givenName),
    familyName: text(request.familyName),
    birthDate: text(request.birthDate),
    insz: optional(request.insz),
    phone: optional(request.phone),
    address:
      request.address === undefined || request.address === null || typeof request.address !== 'object'
        ? null
        : toPostalAddress({
            street: text(request.address.street),
            houseNumber: text(request.address.houseNumber),
            box: optional(request.address.box),
            postalCode: text(request.address.postalCode),
            place: text(request.address.place),
          }),
  };
}
