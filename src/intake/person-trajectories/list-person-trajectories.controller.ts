import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccessLogged, Roles } from '../../shared/auth';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { INTAKE_TAG } from '../common/openapi';
import { PersonParams } from '../common/params';
import { ListPersonTrajectories } from './list-person-trajectories.query';
import { PersonTrajectoriesView } from './person-trajectory.view';

@ApiTags(INTAKE_TAG)
@Controller('clients')
export class ListPersonTrajectoriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':clientId/trajectories')
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', idParam: 'clientId', personIdParam: 'clientId' })
  @ApiQueryEndpoint(
    'The trajectories of a person',
    'The person’s intake trajectories that your organisation may read: those it is responsible for, and those it ' +
      'transferred on while it may see the person (`responsible: false`), oldest first; none of other ' +
      'organisations, and an empty list for a person you have none of. Logged in the access log (docs/adr/0028).',
  )
  @ApiOkResponse({ type: PersonTrajectoriesView })
  list(@Param() params: PersonParams, @Caller() caller: Caller): Promise<PersonTrajectoriesView> {
    return this.queries.execute(new ListPersonTrajectories(caller, params.clientId));
  }
}
