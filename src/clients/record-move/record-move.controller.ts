import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { CommandExecutor } from '../../shared/commands/command-executor';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { MunicipalitiesQuery } from '../../partners';
import { CLIENT_PEOPLE_PROJECTION } from '../client-summary/client-people.projection';
import { CLIENT_REGISTER_PROJECTION } from '../client-register/client-register.projection';
import { CLIENT_RESIDENCES_PROJECTION } from '../client-residences/client-residences.projection';
import { toPostalAddress } from '../common/address.request';
import { ClientAccess } from '../common/client-access';
import { ClientPersonalData } from '../common/client-personal-data';
import { clientStream } from '../common/client-streams';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { ClientParams } from '../common/params';
import { CLIENT_API_TEXTS, rethrowAsProblem } from '../common/openapi';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { validateRequest } from '../../shared/http/request-validation';
import { today } from '../../shared/domain/today';
import { isCalendarDate } from '../../shared/domain/calendar';
import { clientDecider, municipalityOn } from '../domain/client.decider';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { addressProblems, normaliseAddress } from '../domain/personal-details';
import { MoveView } from './move.view';
import { RecordMoveRequest } from './record-move.request';

@ApiTags('Clients')
@Controller('clients')
export class RecordMoveController {
  constructor(
    private readonly access: ClientAccess,
    private readonly executor: CommandExecutor,
    private readonly personalData: ClientPersonalData,
    private readonly municipalities: MunicipalitiesQuery,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':clientId/moves')
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', idParam: 'clientId', personIdParam: 'clientId' })
  @ApiCommandEndpoint(
    'Record a move',
    'The municipality of residence changes from `effectiveDate` on (facts may arrive late: any past date); the new ' +
      'address, if given, is sealed like all personal data. Recording the same move again changes nothing; another ' +
      'municipality on a date that already has a move is refused (409 `MOVE_ALREADY_RECORDED`).',
    CLIENT_API_TEXTS,
  )
  @ApiProblemsWith(CLIENT_API_TEXTS, 404)
  @ApiBody({ type: RecordMoveRequest })
  @ApiOkResponse({ type: MoveView })
  async move(
    @Param() params: ClientParams,
    @Body() body: unknown,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MoveView> {
    const date = today(this.clock);
    const request = await validateRequest(RecordMoveRequest, body, async (candidate, invalid) => {
      const problems: FieldProblem[] = [];
      if (invalid.ok('effectiveDate')) {
        if (!isCalendarDate(candidate.effectiveDate)) {
          problems.push({ field: 'effectiveDate', message: 'effectiveDate must be a date (YYYY-MM-DD)' });
        } else if (candidate.effectiveDate > date) {
          problems.push({ field: 'effectiveDate', message: 'effectiveDate must not be in the future' });
        }
      }
      if (candidate.address && invalid.ok('address')) {
        problems.push(...addressProblems(toPostalAddress(candidate.address), 'address'));
      }
      if (invalid.ok('municipalityId') && !(await this.municipalities.find(candidate.municipalityId))) {
        problems.push({ field: 'municipalityId', message: 'municipalityId must be a registered municipality' });
      }
      return problems.filter((problem) => invalid.ok(problem.field));
    });
    const { state } = await this.access.visibleEvenIfErased(user, params.clientId);
    const address = request.address ? normaliseAddress(toPostalAddress(request.address)) : null;
    // Erased: the decider refuses; no key may be made (or found) for such a person.
    const sealedAddress =
      address === null || state.status === 'erased'
        ? null
        : this.personalData.sealAddress(await this.personalData.keyFor(params.clientId), address);
    const result = await this.executor
      .execute(
        clientStream(params.clientId),
        clientDecider,
        {
          type: 'RecordMove',
          municipalityId: request.municipalityId,
          municipalityKnown: true,
          effectiveDate: request.effectiveDate,
          address,
          sealedAddress,
          today: date,
        },
        commandContext(user, headers),
      )
      .catch(rethrowAsProblem);
    await this.readYourWrites.waitFor(result, [
      CLIENT_PEOPLE_PROJECTION,
      CLIENT_REGISTER_PROJECTION,
      CLIENT_RESIDENCES_PROJECTION,
    ]);
    if (result.state.status === 'unregistered') throw new Error('A move left no person');
    setEtag(reply, result.revision);
    return {
      clientId: params.clientId,
      municipalityId: request.municipalityId,
      effectiveDate: request.effectiveDate,
      currentMunicipalityId: municipalityOn(result.state, date),
      revision: Number(result.revision),
    };
  }
}
