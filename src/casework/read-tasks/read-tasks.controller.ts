import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccessLogged, Roles } from '../../shared/auth';
import { Answer } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiProblemsWith, ApiQueryEndpoint } from '../../shared/http/openapi';
import { PageQuery } from '../../shared/http/pagination';
import { CASEWORK_TRAJECTORY_ACCESS_LOG, TASK_ACCESS_LOG, TASKS_TAG } from '../common/openapi';
import { CaseworkTrajectoryParams, TaskParams } from '../common/params';
import { TaskPage, TaskView } from '../tasks/task.view';
import { ListMyTasks, ListOverdueTasks, ListTrajectoryTasks, ReadTask } from './read-tasks.query';

@ApiTags(TASKS_TAG)
@Controller('tasks')
export class ReadTasksController {
  constructor(private readonly queries: QueryBus) {}

  // Fixed paths before `:taskId`.
  @Get('mine')
  @Roles('social_worker')
  @AccessLogged({ resource: 'task', action: 'read' })
  @ApiQueryEndpoint('My open tasks', 'Your open tasks in your organisation, due first. Logged in the access log.')
  @ApiOkResponse({ type: TaskPage })
  mine(@Query() query: PageQuery, @Caller() caller: Caller): Promise<TaskPage> {
    return this.queries.execute(
      new ListMyTasks(caller, { limit: query.limit, cursor: query.cursor }),
    ) as Promise<TaskPage>;
  }

  @Get('overdue')
  @Roles('social_worker')
  @AccessLogged({ resource: 'task', action: 'read' })
  @ApiQueryEndpoint(
    'Overdue tasks of my organisation',
    'Open tasks of your organisation due before today in Belgium (by the clock at read time), due first. Logged ' +
      'in the access log.',
  )
  @ApiOkResponse({ type: TaskPage })
  overdue(@Query() query: PageQuery, @Caller() caller: Caller): Promise<TaskPage> {
    return this.queries.execute(
      new ListOverdueTasks(caller, { limit: query.limit, cursor: query.cursor }),
    ) as Promise<TaskPage>;
  }

  @Get(':taskId')
  @Roles('social_worker')
  @AccessLogged({ ...TASK_ACCESS_LOG, action: 'read' })
  @ApiQueryEndpoint(
    'A task in detail',
    'For social workers of the organisation that planned it (others: 403), the description and reason opened. ' +
      'The `ETag` is its revision.',
  )
  @ApiProblemsWith({ problems: { 404: 'No such task (`TASK_NOT_FOUND`).' } }, 404)
  @ApiOkResponse({ type: TaskView })
  async read(@Param() params: TaskParams, @Caller() caller: Caller): Promise<Answer<TaskView>> {
    const { task, revision } = await this.queries.execute(new ReadTask(caller, params.taskId));
    return Answer.versioned(task, revision);
  }
}

@ApiTags(TASKS_TAG)
@Controller('intake-trajectories')
export class ReadTrajectoryTasksController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':trajectoryId/tasks')
  @Roles('social_worker')
  @AccessLogged({ ...CASEWORK_TRAJECTORY_ACCESS_LOG, action: 'read' })
  @ApiQueryEndpoint(
    'A trajectory’s tasks',
    'Your organisation’s tasks about a trajectory it is responsible for now, open or not, due first.',
  )
  @ApiProblemsWith({ problems: { 404: 'No such trajectory (`INTAKE_TRAJECTORY_NOT_FOUND`).' } }, 404)
  @ApiOkResponse({ type: TaskPage })
  list(
    @Param() params: CaseworkTrajectoryParams,
    @Query() query: PageQuery,
    @Caller() caller: Caller,
  ): Promise<TaskPage> {
    return this.queries.execute(
      new ListTrajectoryTasks(caller, params.trajectoryId, { limit: query.limit, cursor: query.cursor }),
    ) as Promise<TaskPage>;
  }
}
