import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import { AccessLogEntry, AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { ClientStreams } from '../common/client-streams';
import { IdentityIndex } from '../common/identity-index';
import { ApiProblemsWith } from '../../shared/http/openapi';
import { CLIENT_API_TEXTS } from '../common/openapi';
import { validateRequest } from '../../shared/http/request-validation';
import { today } from '../../shared/domain/today';
import { isCalendarDate } from '../../shared/domain/calendar';
import { organisationMaySee } from '../domain/client.decider';
import { checkInsz, INSZ_PROBLEM_MESSAGES } from '../domain/insz';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { ClientMatchesView } from './client-match.view';
import { FindClientsRequest } from './find-clients.request';

@ApiTags('Clients')
@Controller('clients')
export class FindClientsController {
  constructor(
    private readonly identities: IdentityIndex,
    private readonly streams: ClientStreams,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('lookups')
  @HttpCode(200)
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', action: 'read' })
  @ApiOperation({
    summary: 'Find a person again by INSZ, or by name and birth date',
    description:
      'Through keyed hashes: the values are never stored. Answers ids only, each with whether your organisation may ' +
      'see the person; nothing else about people it may not see. Every person found is in the access log.',
  })
  @ApiBody({ type: FindClientsRequest })
  @ApiOkResponse({ type: ClientMatchesView })
  @ApiProblemsWith(CLIENT_API_TEXTS, 400)
  async find(
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @AccessLogEntry() accessLog: PendingAccessLogEntry,
  ): Promise<ClientMatchesView> {
    const request = await validateRequest(FindClientsRequest, body, (candidate, invalid) => {
      const problems: FieldProblem[] = [];
      const byName = [candidate.givenName, candidate.familyName, candidate.birthDate];
      if (candidate.insz !== undefined) {
        if (byName.some((value) => value !== undefined)) {
          problems.push({ field: 'insz', message: 'give an INSZ, or a name and birth date, not both' });
        } else if (invalid.ok('insz')) {
          const check = checkInsz(candidate.insz);
          if (!check.valid) problems.push({ field: 'insz', message: INSZ_PROBLEM_MESSAGES[check.problem] });
        }
      } else {
        for (const field of ['givenName', 'familyName', 'birthDate'] as const) {
          // The shape may be wrong too (an object where a name goes): that is its own error, listed already.
          const value: unknown = candidate[field];
          if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
            problems.push({ field, message: `${field} is required without an INSZ` });
          }
        }
        if (candidate.birthDate !== undefined && invalid.ok('birthDate') && !isCalendarDate(candidate.birthDate)) {
          problems.push({ field: 'birthDate', message: 'birthDate must be a date (YYYY-MM-DD)' });
        }
      }
      return problems.filter((problem) => invalid.ok(problem.field) || problem.field === 'insz');
    });

    let clientIds: string[];
    if (request.insz !== undefined) {
      const check = checkInsz(request.insz);
      const holder = check.valid ? await this.identities.holderOfInsz(check.facts.digits) : undefined;
      clientIds = holder === undefined ? [] : [holder];
    } else {
      clientIds = await this.identities.withNameAndBirthDate({
        givenName: request.givenName!,
        familyName: request.familyName!,
        birthDate: request.birthDate!,
      });
    }
    const date = today(this.clock);
    const matches = [];
    for (const clientId of clientIds) {
      const { state } = await this.streams.load(clientId);
      // A hash whose registration never completed, or an erased person, names nobody.
      if (state.status !== 'registered') continue;
      accessLog.addPerson(clientId);
      matches.push({ clientId, visible: organisationMaySee(state, user.organisationId, date) });
    }
    return { matches };
  }
}
