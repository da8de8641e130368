import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryParams } from '../common/params';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../intake-trajectories/intake-trajectories.projection';
import { AssignCaseworker } from './assign-caseworker.command';
import { AssignCaseworkerRequest } from './assign-caseworker.request';

@Controller('intake-trajectories')
export class AssignCaseworkerController {
  constructor(private readonly commands: CommandBus) {}

  @TrajectoryCommandEndpoint({
    path: 'caseworker',
    status: 200,
    body: AssignCaseworkerRequest,
    summary: 'Assign or reassign the caseworker',
    description:
      'A social worker of the responsible organisation, by user id (no directory exists: any well-formed id). The ' +
      'same caseworker again changes nothing.',
  })
  @WaitsFor(INTAKE_TRAJECTORIES_PROJECTION)
  async assign(
    @Param() params: TrajectoryParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<IntakeChangeView>> {
    const change = await this.commands.execute(new AssignCaseworker(caller, params.trajectoryId, body));
    return Answer.written(changeViewOf(change), change.result);
  }
}
