import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryParams } from '../common/params';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../intake-trajectories/intake-trajectories.projection';
import { AssessLifeDomains } from './assess-life-domains.command';
import { AssessLifeDomainsRequest } from './assess-life-domains.request';

@Controller('intake-trajectories')
export class AssessLifeDomainsController {
  constructor(private readonly commands: CommandBus) {}

  @TrajectoryCommandEndpoint({
    path: 'assessments',
    status: 201,
    body: AssessLifeDomainsRequest,
    summary: 'Assess life domains',
    description:
      'Scores 1–5 per life domain (partial assessments allowed) and problem flags. Repeatable: the first is the ' +
      'baseline, later ones are follow-ups that show change. Scores outside 1–5 and unknown domains or flags are ' +
      'each a 400 field error.',
  })
  @WaitsFor(INTAKE_TRAJECTORIES_PROJECTION)
  async assess(
    @Param() params: TrajectoryParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<IntakeChangeView>> {
    const change = await this.commands.execute(new AssessLifeDomains(caller, params.trajectoryId, body));
    return Answer.written(changeViewOf(change), change.result);
  }
}
