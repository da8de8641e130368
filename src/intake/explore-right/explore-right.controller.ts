import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryParams } from '../common/params';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../intake-trajectories/intake-trajectories.projection';
import { ExploreRight } from './explore-right.command';
import { ExploreRightRequest } from './explore-right.request';

@Controller('intake-trajectories')
export class ExploreRightController {
  constructor(private readonly commands: CommandBus) {}

  @TrajectoryCommandEndpoint({
    path: 'rights',
    status: 201,
    body: ExploreRightRequest,
    summary: 'Explore a right',
    description:
      "Explores a right of the rights catalogue for the person: it must apply in the person's municipality of " +
      'residence on `occurredOn` (a local right of another municipality, a retired or unknown right: 400). Then ' +
      '`/rights/{rightId}/application`, `/grant` (also straight after exploring, for rights given automatically) ' +
      'and `/refusal`. Exploring a right twice: 409 `RIGHT_ALREADY_EXPLORED`.',
  })
  @WaitsFor(INTAKE_TRAJECTORIES_PROJECTION)
  async explore(
    @Param() params: TrajectoryParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<IntakeChangeView>> {
    const change = await this.commands.execute(new ExploreRight(caller, params.trajectoryId, body));
    return Answer.written(changeViewOf(change), change.result);
  }
}
