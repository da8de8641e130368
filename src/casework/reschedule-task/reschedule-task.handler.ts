import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { dueOf, dueProblems, DueRequest } from '../common/due.request';
import { Tasks, type WrittenTask } from '../common/tasks';
import { RescheduleTask } from './reschedule-task.command';

@CommandHandler(RescheduleTask)
export class RescheduleTaskHandler implements ICommandHandler<RescheduleTask> {
  constructor(
    private readonly tasks: Tasks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(command: RescheduleTask): Promise<WrittenTask> {
    const date = today(this.clock);
    return this.tasks.take(
      command,
      DueRequest,
      (request) => Promise.resolve({ type: 'RescheduleTask', due: dueOf(request), today: date }),
      (request, invalid) => dueProblems(request, invalid, date),
    );
  }
}
