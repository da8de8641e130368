import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryParams } from '../common/params';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../intake-trajectories/intake-trajectories.projection';
import { RecordNeed } from './record-need.command';
import { RecordNeedRequest } from './record-need.request';

@Controller('intake-trajectories')
export class RecordNeedController {
  constructor(private readonly commands: CommandBus) {}

  @TrajectoryCommandEndpoint({
    path: 'needs',
    status: 201,
    body: RecordNeedRequest,
    summary: 'Record a need',
    description:
      "A need found at intake, in a life domain, with a short description sealed with the person's key. Rights " +
      'explored and unmet needs may name it (`needId`). Refused with 409 `CLIENT_ERASED` once the person is erased.',
  })
  @WaitsFor(INTAKE_TRAJECTORIES_PROJECTION)
  async record(
    @Param() params: TrajectoryParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<IntakeChangeView>> {
    const change = await this.commands.execute(new RecordNeed(caller, params.trajectoryId, body));
    return Answer.written(changeViewOf(change), change.result);
  }
}
