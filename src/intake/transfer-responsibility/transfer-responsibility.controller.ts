import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { changeViewOf, type IntakeChangeView } from '../common/intake-change.view';
import { TrajectoryCommandEndpoint } from '../common/openapi';
import { TrajectoryParams } from '../common/params';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../intake-trajectories/intake-trajectories.projection';
import { TransferResponsibility } from './transfer-responsibility.command';
import { TransferResponsibilityRequest } from './transfer-responsibility.request';

@Controller('intake-trajectories')
export class TransferResponsibilityController {
  constructor(private readonly commands: CommandBus) {}

  @TrajectoryCommandEndpoint({
    path: 'transfer',
    status: 200,
    body: TransferResponsibilityRequest,
    summary: 'Transfer responsibility to another organisation',
    description:
      'For example when the person moves into a kracht.wonen house in another municipality. From then on the ' +
      'receiving organisation sees and works the trajectory, and yours gets 403. It must be active (400 otherwise), ' +
      "another one (409 `TRANSFER_TO_SAME_ORGANISATION`), one that may see the person (record the person's consent " +
      'to share with it first: 409 `RECEIVING_ORGANISATION_MAY_NOT_SEE_CLIENT`), and have no open intake for the ' +
      'person (409 `INTAKE_ALREADY_OPEN`).',
  })
  @WaitsFor(INTAKE_TRAJECTORIES_PROJECTION)
  async transfer(
    @Param() params: TrajectoryParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<IntakeChangeView>> {
    const change = await this.commands.execute(new TransferResponsibility(caller, params.trajectoryId, body));
    return Answer.written(changeViewOf(change), change.result);
  }
}
