import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { Page } from '../../shared/http/pagination';
import type { PageRequest } from '../tasks/task-list';
import type { TaskSummaryView, TaskView } from '../tasks/task.view';

/** The caller's open tasks in their organisation, due first. */
export class ListMyTasks extends Query<Page<TaskSummaryView>> {
  constructor(
    readonly caller: Caller,
    readonly page: PageRequest,
  ) {
    super();
  }
}

/** The caller's organisation's open tasks due before today (by the clock at read time), due first. */
export class ListOverdueTasks extends Query<Page<TaskSummaryView>> {
  constructor(
    readonly caller: Caller,
    readonly page: PageRequest,
  ) {
    super();
  }
}

/** The caller's organisation's tasks about one trajectory it is responsible for, due first. */
export class ListTrajectoryTasks extends Query<Page<TaskSummaryView>> {
  constructor(
    readonly caller: Caller,
    readonly trajectoryId: string,
    readonly page: PageRequest,
  ) {
    super();
  }
}

/** One task in detail, with its revision. */
export class ReadTask extends Query<{ task: TaskView; revision: bigint }> {
  constructor(
    readonly caller: Caller,
    readonly taskId: string,
  ) {
    super();
  }
}
