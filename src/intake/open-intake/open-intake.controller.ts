import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { changeViewOf, IntakeChangeView } from '../common/intake-change.view';
import { ApiIntakeCommand } from '../common/openapi';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../intake-trajectories/intake-trajectories.projection';
import { OpenIntake } from './open-intake.command';
import { OpenIntakeRequest } from './open-intake.request';

@Controller('intake-trajectories')
export class OpenIntakeController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('social_worker')
  @AccessLogged({ resource: 'intakeTrajectory', action: 'write' })
  @ApiIntakeCommand(
    'Open an intake trajectory',
    'Opens the integrated broad intake (GBO) of a person your organisation may see (it registered them, or the ' +
      "person's consent names it; 403 otherwise). Your organisation is responsible; the caseworker defaults to you. " +
      'One open intake per person per organisation: a second is refused with 409 `INTAKE_ALREADY_OPEN`. An unknown ' +
      'person is a 400 field error; an erased one 409 `CLIENT_ERASED`. Answers 201 with `Location` and the ETag.',
  )
  @ApiBody({ type: OpenIntakeRequest })
  @ApiCreatedResponse({ type: IntakeChangeView })
  @WaitsFor(INTAKE_TRAJECTORIES_PROJECTION)
  async open(@Body() body: unknown, @Caller() caller: Caller): Promise<Answer<IntakeChangeView>> {
    const change = await this.commands.execute(new OpenIntake(caller, body));
    const view = changeViewOf(change);
    return Answer.written(view, change.result, `/intake-trajectories/${view.trajectoryId}`);
  }
}
