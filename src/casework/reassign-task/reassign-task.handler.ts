import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AssigneeRequest } from '../common/assignee.request';
import { Assignees } from '../common/assignees';
import { Tasks, type WrittenTask } from '../common/tasks';
import { ReassignTask } from './reassign-task.command';

@CommandHandler(ReassignTask)
export class ReassignTaskHandler implements ICommandHandler<ReassignTask> {
  constructor(
    private readonly tasks: Tasks,
    private readonly assignees: Assignees,
  ) {}

  execute(command: ReassignTask): Promise<WrittenTask> {
    return this.tasks.take(
      command,
      AssigneeRequest,
      (request) => Promise.resolve({ type: 'ReassignTask', assigneeId: request.assigneeId }),
      (request, invalid) => this.assignees.problems(request.assigneeId, command.caller.user, invalid),
    );
  }
}
