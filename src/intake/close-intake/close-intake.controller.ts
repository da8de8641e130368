import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryParams } from '../common/params';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../intake-trajectories/intake-trajectories.projection';
import { CloseIntake } from './close-intake.command';
import { CloseIntakeRequest } from './close-intake.request';

@Controller('intake-trajectories')
export class CloseIntakeController {
  constructor(private readonly commands: CommandBus) {}

  @TrajectoryCommandEndpoint({
    path: 'closure',
    status: 200,
    body: CloseIntakeRequest,
    summary: 'Close the trajectory',
    description:
      'With its outcome. A closed trajectory refuses every command but a reopening (409 `INTAKE_CLOSED`); the ' +
      'organisation may open a new intake for the person. Referrals sent from it that are still open refuse the ' +
      'closure (409 `OPEN_REFERRALS`, their ids in `openReferralIds`) unless the body says `openReferrals: "keep"`.',
  })
  @WaitsFor(INTAKE_TRAJECTORIES_PROJECTION)
  async close(
    @Param() params: TrajectoryParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<IntakeChangeView>> {
    const change = await this.commands.execute(new CloseIntake(caller, params.trajectoryId, body));
    return Answer.written(changeViewOf(change), change.result);
  }
}
