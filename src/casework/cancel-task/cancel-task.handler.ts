import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Tasks, type WrittenTask } from '../common/tasks';
import { CancelTask } from './cancel-task.command';

@CommandHandler(CancelTask)
export class CancelTaskHandler implements ICommandHandler<CancelTask> {
  constructor(private readonly tasks: Tasks) {}

  execute(command: CancelTask): Promise<WrittenTask> {
    return this.tasks.close(command, 'CancelTask');
  }
}
