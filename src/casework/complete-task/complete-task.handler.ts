import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Tasks, type WrittenTask } from '../common/tasks';
import { CompleteTask } from './complete-task.command';

@CommandHandler(CompleteTask)
export class CompleteTaskHandler implements ICommandHandler<CompleteTask> {
  constructor(private readonly tasks: Tasks) {}

  execute(command: CompleteTask): Promise<WrittenTask> {
    return this.tasks.close(command, 'CompleteTask');
  }
}
