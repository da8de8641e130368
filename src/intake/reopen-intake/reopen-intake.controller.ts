import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryParams } from '../common/params';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../intake-trajectories/intake-trajectories.projection';
import { ReopenIntake } from './reopen-intake.command';
import { ReopenIntakeRequest } from './reopen-intake.request';

@Controller('intake-trajectories')
export class ReopenIntakeController {
  constructor(private readonly commands: CommandBus) {}

  @TrajectoryCommandEndpoint({
    path: 'reopening',
    status: 200,
    body: ReopenIntakeRequest,
    summary: 'Reopen a closed trajectory',
    description:
      'A new fact: the closure stays in the history. Not before the closure. 409 `INTAKE_NOT_CLOSED` on an open ' +
      'trajectory; 409 `INTAKE_ALREADY_OPEN` when the organisation has opened another intake for the person since.',
  })
  @WaitsFor(INTAKE_TRAJECTORIES_PROJECTION)
  async reopen(
    @Param() params: TrajectoryParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<IntakeChangeView>> {
    const change = await this.commands.execute(new ReopenIntake(caller, params.trajectoryId, body));
    return Answer.written(changeViewOf(change), change.result);
  }
}
