import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryRightParams } from '../common/params';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../intake-trajectories/intake-trajectories.projection';
import { GrantRight } from './grant-right.command';
import { GrantRightRequest } from './grant-right.request';

@Controller('intake-trajectories')
export class GrantRightController {
  constructor(private readonly commands: CommandBus) {}

  @TrajectoryCommandEndpoint({
    path: 'rights/:rightId/grant',
    status: 200,
    body: GrantRightRequest,
    summary: 'Record that a right was granted',
    description:
      'The right is realised: after an application, or straight after exploring it for rights given automatically. ' +
      'With the amount and end where relevant. 409 `RIGHT_NOT_EXPLORED`, `RIGHT_NOT_APPLIED` (refused: apply ' +
      'again first) or `RIGHT_ALREADY_GRANTED`.',
  })
  @WaitsFor(INTAKE_TRAJECTORIES_PROJECTION)
  async grant(
    @Param() params: TrajectoryRightParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<IntakeChangeView>> {
    const change = await this.commands.execute(new GrantRight(caller, params.trajectoryId, params.rightId, body));
    return Answer.written(changeViewOf(change), change.result);
  }
}
