import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AccessLogged, Roles } from '../../shared/auth';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { BODY_LIMITS, BodyLimit } from '../../shared/http/json-body';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { CASE_NOTES_PROJECTION } from '../case-notes/case-notes.projection';
import { CaseNoteView } from '../case-notes/case-note.view';
import { CASE_NOTES_TAG, CASEWORK_TRAJECTORY_ACCESS_LOG } from '../common/openapi';
import { CaseworkTrajectoryParams } from '../common/params';
import { WriteCaseNote } from './write-case-note.command';
import { WriteCaseNoteRequest } from './write-case-note.request';

@ApiTags(CASE_NOTES_TAG)
@Controller('intake-trajectories')
export class WriteCaseNoteController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':trajectoryId/notes')
  @BodyLimit(BODY_LIMITS.largeBytes)
  @HttpCode(201)
  @Roles('social_worker')
  @AccessLogged({ ...CASEWORK_TRAJECTORY_ACCESS_LOG, action: 'write' })
  @WaitsFor(CASE_NOTES_PROJECTION)
  @ApiCommandEndpoint(
    'Write a case note',
    'For social workers of the organisation responsible for the trajectory now (others: 403). The text is sealed ' +
      'with the person’s key. A closed trajectory: 409 `INTAKE_CLOSED`; an erased person: 409 `CLIENT_ERASED`. ' +
      'Notes are never changed (docs/adr/0030). The `ETag` is the revision of the trajectory’s notes.',
  )
  @ApiBody({ type: WriteCaseNoteRequest })
  @ApiCreatedResponse({ type: CaseNoteView, description: 'The note as written.' })
  @ApiProblemsWith({ problems: { 404: 'No such trajectory (`INTAKE_TRAJECTORY_NOT_FOUND`).' } }, 404)
  async write(
    @Param() params: CaseworkTrajectoryParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<CaseNoteView>> {
    const { note, result } = await this.commands.execute(new WriteCaseNote(caller, params.trajectoryId, body));
    return Answer.written(note, result);
  }
}
