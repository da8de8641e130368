import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccessLogged, Roles } from '../../shared/auth';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { PersonParams } from '../common/params';
import { ListPersonReferrals } from './list-person-referrals.query';
import { PersonReferralsView } from './person-referral.view';

@ApiTags('Referrals')
@Controller('clients')
export class ListPersonReferralsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':clientId/referrals')
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', idParam: 'clientId', personIdParam: 'clientId' })
  @ApiQueryEndpoint(
    'The referrals of a person',
    'The person’s referrals that your organisation sent, and those it received while the consent they rest on ' +
      'still shares the person with it; oldest first, as in the inbox and outbox. None of other organisations, and ' +
      'an empty list for a person you have none of. Logged in the access log (docs/adr/0028).',
  )
  @ApiOkResponse({ type: PersonReferralsView })
  list(@Param() params: PersonParams, @Caller() caller: Caller): Promise<PersonReferralsView> {
    return this.queries.execute(new ListPersonReferrals(caller, params.clientId));
  }
}
