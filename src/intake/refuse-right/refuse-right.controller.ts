import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryRightParams } from '../common/params';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../intake-trajectories/intake-trajectories.projection';
import { RefuseRight } from './refuse-right.command';
import { RefuseRightRequest } from './refuse-right.request';

@Controller('intake-trajectories')
export class RefuseRightController {
  constructor(private readonly commands: CommandBus) {}

  @TrajectoryCommandEndpoint({
    path: 'rights/:rightId/refusal',
    status: 200,
    body: RefuseRightRequest,
    summary: 'Record that a right was refused',
    description:
      'The pending application was refused, with the reason. 409 `RIGHT_NOT_EXPLORED`, `RIGHT_NOT_APPLIED` or ' +
      '`RIGHT_ALREADY_GRANTED`. The person may apply again.',
  })
  @WaitsFor(INTAKE_TRAJECTORIES_PROJECTION)
  async refuse(
    @Param() params: TrajectoryRightParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<IntakeChangeView>> {
    const change = await this.commands.execute(new RefuseRight(caller, params.trajectoryId, params.rightId, body));
    return Answer.written(changeViewOf(change), change.result);
  }
}
