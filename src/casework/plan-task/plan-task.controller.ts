import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AccessLogged, Roles } from '../../shared/auth';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { BODY_LIMITS, BodyLimit } from '../../shared/http/json-body';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { CASEWORK_TRAJECTORY_ACCESS_LOG, TASKS_TAG } from '../common/openapi';
import { CaseworkTrajectoryParams } from '../common/params';
import { TASKS_PROJECTION } from '../tasks/tasks.projection';
import { TaskView } from '../tasks/task.view';
import { PlanTask } from './plan-task.command';
import { PlanTaskRequest } from './plan-task.request';

@ApiTags(TASKS_TAG)
@Controller('intake-trajectories')
export class PlanTaskController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':trajectoryId/tasks')
  @BodyLimit(BODY_LIMITS.largeBytes)
  @HttpCode(201)
  @Roles('social_worker')
  @AccessLogged({ ...CASEWORK_TRAJECTORY_ACCESS_LOG, action: 'write' })
  @WaitsFor(TASKS_PROJECTION)
  @ApiCommandEndpoint(
    'Plan a task',
    'For social workers of the organisation responsible for the trajectory now: a kind, a due date (`dueOn`, ' +
      'today or later, or `inMonths`), an assignee of your organisation (400 on `assigneeId` otherwise) and an ' +
      'optional description (sealed). A closed trajectory: 409 `INTAKE_CLOSED`. Refusals: docs/casework.md.',
  )
  @ApiBody({ type: PlanTaskRequest })
  @ApiCreatedResponse({ type: TaskView, description: '`Location` names it; `ETag` is its revision.' })
  @ApiProblemsWith({ problems: { 404: 'No such trajectory (`INTAKE_TRAJECTORY_NOT_FOUND`).' } }, 404)
  async plan(
    @Param() params: CaseworkTrajectoryParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<TaskView>> {
    const { task, result } = await this.commands.execute(new PlanTask(caller, params.trajectoryId, body));
    return Answer.written(task, result, `/tasks/${task.taskId}`);
  }
}
