import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Answer } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { TASKS_TAG, TaskStepEndpoint } from '../common/openapi';
import { TaskParams } from '../common/params';
import { CloseTaskRequest } from '../common/close-task.request';
import type { TaskView } from '../tasks/task.view';
import { CancelTask } from './cancel-task.command';

@ApiTags(TASKS_TAG)
@Controller('tasks')
export class CancelTaskController {
  constructor(private readonly commands: CommandBus) {}

  @TaskStepEndpoint('cancel', 'Cancel a task', 'No longer needed, with an optional reason (sealed).', CloseTaskRequest)
  async step(@Param() params: TaskParams, @Body() body: unknown, @Caller() caller: Caller): Promise<Answer<TaskView>> {
    const { task, result } = await this.commands.execute(new CancelTask(caller, params.taskId, body));
    return Answer.written(task, result);
  }
}
