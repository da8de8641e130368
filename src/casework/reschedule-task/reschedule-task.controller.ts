import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Answer } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { TASKS_TAG, TaskStepEndpoint } from '../common/openapi';
import { TaskParams } from '../common/params';
import { DueRequest } from '../common/due.request';
import type { TaskView } from '../tasks/task.view';
import { RescheduleTask } from './reschedule-task.command';

@ApiTags(TASKS_TAG)
@Controller('tasks')
export class RescheduleTaskController {
  constructor(private readonly commands: CommandBus) {}

  @TaskStepEndpoint(
    'reschedule',
    'Re-date a task',
    'A new `dueOn` (today or later) or `inMonths` from today.',
    DueRequest,
  )
  async step(@Param() params: TaskParams, @Body() body: unknown, @Caller() caller: Caller): Promise<Answer<TaskView>> {
    const { task, result } = await this.commands.execute(new RescheduleTask(caller, params.taskId, body));
    return Answer.written(task, result);
  }
}
