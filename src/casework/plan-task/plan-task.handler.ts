import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { newResourceId } from '../../shared/commands/command-executor';
import { validateRequest } from '../../shared/commands/request-validation';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { Assignees } from '../common/assignees';
import { CaseworkAccess } from '../common/casework-access';
import { CaseworkTexts } from '../common/casework-texts';
import { dueOf, dueProblems } from '../common/due.request';
import { Tasks, type WrittenTask } from '../common/tasks';
import { TASK_CATEGORY, TASK_DESCRIPTION_CONTEXT } from '../domain/task.events';
import { PlanTask } from './plan-task.command';
import { PlanTaskRequest } from './plan-task.request';

@CommandHandler(PlanTask)
export class PlanTaskHandler implements ICommandHandler<PlanTask> {
  constructor(
    private readonly access: CaseworkAccess,
    private readonly assignees: Assignees,
    private readonly texts: CaseworkTexts,
    private readonly tasks: Tasks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, trajectoryId, body }: PlanTask): Promise<WrittenTask> {
    // Who may plan comes first: a caller of another organisation learns nothing from a 400 about the body.
    const trajectory = await this.access.responsibleFor(caller.user, trajectoryId, caller.accessLog);
    const date = today(this.clock);
    const request = await validateRequest(PlanTaskRequest, body, async (valid, invalid) => [
      ...dueProblems(valid, invalid, date),
      ...(await this.assignees.problems(valid.assigneeId, caller.user, invalid)),
    ]);
    const taskId = newResourceId(caller.envelope, TASK_CATEGORY);
    return this.tasks.execute(caller, taskId, {
      type: 'PlanTask',
      taskId,
      trajectory,
      assigneeId: request.assigneeId ?? caller.user.userId,
      kind: request.kind,
      due: dueOf(request),
      description: await this.texts.sealOptional(trajectory.clientId, TASK_DESCRIPTION_CONTEXT, request.description),
      today: date,
    });
  }
}
