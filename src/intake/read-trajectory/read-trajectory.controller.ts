import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import { Answer } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiProblems, ApiQueryEndpoint } from '../../shared/http/openapi';
import { INTAKE_ACCESS_LOG, INTAKE_TAG } from '../common/openapi';
import { TrajectoryParams } from '../common/params';
import { ReadTrajectory } from './read-trajectory.query';
import { ReadTrajectoryRequest } from './read-trajectory.request';
import { TrajectoryView } from './trajectory.view';

@ApiTags(INTAKE_TAG)
@Controller('intake-trajectories')
export class ReadTrajectoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':trajectoryId')
  @Roles('social_worker')
  @AccessLogged(INTAKE_ACCESS_LOG)
  @ApiQueryEndpoint(
    'An intake trajectory in detail',
    'For social workers of the organisation responsible for it now (after a transfer, the receiving one), and of ' +
      'an organisation that transferred it on, while it may still see the person: its course, with the need ' +
      'descriptions it recorded itself, not those recorded since (docs/adr/0028); others get 403. Assessments, needs with their descriptions, rights, unmet needs, the referrals sent from ' +
      'it with their status (`overdue`: still unanswered after the deadline), and the timeline of every event. ' +
      'With `asOf` (and `axis`), the trajectory as it stood then, folded from its events. Logged in the access log.',
  )
  @ApiProblems(404)
  @ApiOkResponse({ type: TrajectoryView })
  async read(
    @Param() params: TrajectoryParams,
    @Query() query: ReadTrajectoryRequest,
    @Caller() caller: Caller,
  ): Promise<TrajectoryView | Answer<TrajectoryView>> {
    const { asOf, axis } = query;
    const read = await this.queries.execute(new ReadTrajectory(caller, params.trajectoryId, { asOf, axis }));
    // As of a moment it is no version of the trajectory one could send back with `If-Match`: no ETag.
    return read.revision === undefined ? read.view : Answer.versioned(read.view, read.revision);
  }
}
