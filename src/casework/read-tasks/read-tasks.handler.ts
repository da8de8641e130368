import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import type { Page } from '../../shared/http/pagination';
import { CaseworkAccess } from '../common/casework-access';
import { isOverdue, Tasks } from '../common/tasks';
import type { TaskKind, TaskStatus } from '../domain/task.values';
import { TaskList } from '../tasks/task-list';
import type { TaskRow } from '../tasks/task.row';
import type { TaskSummaryView, TaskView } from '../tasks/task.view';
import { ListMyTasks, ListOverdueTasks, ListTrajectoryTasks, ReadTask } from './read-tasks.query';

/** A page of task rows as the lists show them; every person in it goes into the access log. */
function summaries(page: Page<TaskRow>, caller: Caller, date: string): Page<TaskSummaryView> {
  for (const row of page.items) caller.accessLog.addPerson(row.clientId);
  return {
    items: page.items.map((row) => ({
      taskId: row.taskId,
      trajectoryId: row.trajectoryId,
      clientId: row.clientId,
      organisationId: row.organisationId,
      assigneeId: row.assigneeId,
      kind: row.kind as TaskKind,
      status: row.status as TaskStatus,
      dueOn: row.dueOn,
      plannedOn: row.plannedOn,
      closedOn: row.closedOn,
      overdue: isOverdue(row.status, row.dueOn, date),
      hasDescription: row.hasDescription,
      revision: Number(row.revision),
    })),
    nextCursor: page.nextCursor,
  };
}

@QueryHandler(ListMyTasks)
export class ListMyTasksHandler implements IQueryHandler<ListMyTasks> {
  constructor(
    private readonly tasks: TaskList,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, page }: ListMyTasks): Promise<Page<TaskSummaryView>> {
    const rows = await this.tasks.mine(caller.user.userId, caller.user.organisationId, page);
    return summaries(rows, caller, today(this.clock));
  }
}

@QueryHandler(ListOverdueTasks)
export class ListOverdueTasksHandler implements IQueryHandler<ListOverdueTasks> {
  constructor(
    private readonly tasks: TaskList,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, page }: ListOverdueTasks): Promise<Page<TaskSummaryView>> {
    const date = today(this.clock);
    return summaries(await this.tasks.overdue(caller.user.organisationId, date, page), caller, date);
  }
}

@QueryHandler(ListTrajectoryTasks)
export class ListTrajectoryTasksHandler implements IQueryHandler<ListTrajectoryTasks> {
  constructor(
    private readonly access: CaseworkAccess,
    private readonly tasks: TaskList,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, trajectoryId, page }: ListTrajectoryTasks): Promise<Page<TaskSummaryView>> {
    await this.access.responsibleFor(caller.user, trajectoryId, caller.accessLog);
    const rows = await this.tasks.ofTrajectory(trajectoryId, caller.user.organisationId, page);
    return summaries(rows, caller, today(this.clock));
  }
}

@QueryHandler(ReadTask)
export class ReadTaskHandler implements IQueryHandler<ReadTask> {
  constructor(private readonly tasks: Tasks) {}

  async execute({ caller, taskId }: ReadTask): Promise<{ task: TaskView; revision: bigint }> {
    const { state, revision } = await this.tasks.visible(caller, taskId);
    return { task: await this.tasks.view(state, revision), revision };
  }
}
