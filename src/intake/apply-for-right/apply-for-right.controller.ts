import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryRightParams } from '../common/params';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../intake-trajectories/intake-trajectories.projection';
import { ApplyForRight } from './apply-for-right.command';
import { ApplyForRightRequest } from './apply-for-right.request';

@Controller('intake-trajectories')
export class ApplyForRightController {
  constructor(private readonly commands: CommandBus) {}

  @TrajectoryCommandEndpoint({
    path: 'rights/:rightId/application',
    status: 200,
    body: ApplyForRightRequest,
    summary: 'Record an application for a right',
    description:
      'The person applied for an explored right (or applied again after a refusal). 409 `RIGHT_NOT_EXPLORED`, ' +
      '`RIGHT_ALREADY_APPLIED` (an application is pending) or `RIGHT_ALREADY_GRANTED`.',
  })
  @WaitsFor(INTAKE_TRAJECTORIES_PROJECTION)
  async apply(
    @Param() params: TrajectoryRightParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<IntakeChangeView>> {
    const change = await this.commands.execute(new ApplyForRight(caller, params.trajectoryId, params.rightId, body));
    return Answer.written(changeViewOf(change), change.result);
  }
}
