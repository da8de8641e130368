import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Answer } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { TASKS_TAG, TaskStepEndpoint } from '../common/openapi';
import { TaskParams } from '../common/params';
import { AssigneeRequest } from '../common/assignee.request';
import type { TaskView } from '../tasks/task.view';
import { ReassignTask } from './reassign-task.command';

@ApiTags(TASKS_TAG)
@Controller('tasks')
export class ReassignTaskController {
  constructor(private readonly commands: CommandBus) {}

  @TaskStepEndpoint(
    'reassign',
    'Re-assign a task',
    'To another social worker of your organisation (400 on `assigneeId` otherwise).',
    AssigneeRequest,
  )
  async step(@Param() params: TaskParams, @Body() body: unknown, @Caller() caller: Caller): Promise<Answer<TaskView>> {
    const { task, result } = await this.commands.execute(new ReassignTask(caller, params.taskId, body));
    return Answer.written(task, result);
  }
}
