import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccessLogged, Roles } from '../../shared/auth';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiProblemsWith, ApiQueryEndpoint } from '../../shared/http/openapi';
import { PageQuery } from '../../shared/http/pagination';
import { CaseNotePage } from '../case-notes/case-note.view';
import { CASE_NOTES_TAG, CASEWORK_TRAJECTORY_ACCESS_LOG } from '../common/openapi';
import { CaseworkTrajectoryParams } from '../common/params';
import { ReadCaseNotes } from './read-case-notes.query';

@ApiTags(CASE_NOTES_TAG)
@Controller('intake-trajectories')
export class ReadCaseNotesController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':trajectoryId/notes')
  @Roles('social_worker')
  @AccessLogged({ ...CASEWORK_TRAJECTORY_ACCESS_LOG, action: 'read' })
  @ApiQueryEndpoint(
    'A trajectory’s case notes',
    'Newest first, a page at a time, for social workers of the organisation responsible for the trajectory now ' +
      '(after a transfer the receiving one, which sees the earlier notes too; the sender sees none). Logged in the ' +
      'access log.',
  )
  @ApiProblemsWith({ problems: { 404: 'No such trajectory (`INTAKE_TRAJECTORY_NOT_FOUND`).' } }, 404)
  @ApiOkResponse({ type: CaseNotePage })
  read(
    @Param() params: CaseworkTrajectoryParams,
    @Query() query: PageQuery,
    @Caller() caller: Caller,
  ): Promise<CaseNotePage> {
    return this.queries.execute(
      new ReadCaseNotes(caller, params.trajectoryId, { limit: query.limit, cursor: query.cursor }),
    ) as Promise<CaseNotePage>;
  }
}
