import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryParams } from '../common/params';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../intake-trajectories/intake-trajectories.projection';
import { SignalUnmetNeed } from './signal-unmet-need.command';
import { SignalUnmetNeedRequest } from './signal-unmet-need.request';

@Controller('intake-trajectories')
export class SignalUnmetNeedController {
  constructor(private readonly commands: CommandBus) {}

  @TrajectoryCommandEndpoint({
    path: 'unmet-needs',
    status: 201,
    body: SignalUnmetNeedRequest,
    summary: 'Signal an unmet need',
    description:
      'A need no partner can answer now (niet-toeleidbaar), with the reason: no suitable offer, a waiting list, not ' +
      'eligible, or a threshold of cost, mobility, language or digital access. The data behind signalling thresholds.',
  })
  @WaitsFor(INTAKE_TRAJECTORIES_PROJECTION)
  async signal(
    @Param() params: TrajectoryParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<IntakeChangeView>> {
    const change = await this.commands.execute(new SignalUnmetNeed(caller, params.trajectoryId, body));
    return Answer.written(changeViewOf(change), change.result);
  }
}
