import { Injectable } from '@nestjs/common';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { type CalendarDate, isCalendarDate } from '../../shared/domain/calendar';
import { InvalidInput } from '../../shared/domain/domain-error';
import { isUuid } from '../../shared/domain/ids';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, toPage } from '../../shared/http/pagination';
import type { TaskKind, TaskStatus } from '../domain/task.values';
import { TaskRow } from './task.row';

export interface PageRequest {
  readonly limit?: number;
  readonly cursor?: string;
}

/** An open task as the notifications capability needs it to remind its assignee: no personal data. */
export interface OpenTaskDue {
  readonly taskId: string;
  readonly trajectoryId: string;
  readonly organisationId: string;
  readonly assigneeId: string;
  readonly kind: TaskKind;
  readonly dueOn: CalendarDate;
  readonly status: TaskStatus;
}

/**
 * The tasks read model (`casework_tasks`): a user's open tasks, an organisation's overdue ones, a trajectory's, and
 * (exported for the notifications capability) a user's open tasks due on or before a date. Lists are due first.
 */
@Injectable()
export class TaskList {
  constructor(private readonly dataSource: DataSource) {}

  find(taskId: string): Promise<TaskRow | null> {
    return this.dataSource.getRepository(TaskRow).findOneBy({ taskId });
  }

  /** The user's open tasks in the organisation. */
  mine(userId: string, organisationId: string, page: PageRequest): Promise<Page<TaskRow>> {
    return this.page(page, (query) =>
      query
        .where('t.assignee_id = :userId', { userId })
        .andWhere('t.organisation_id = :organisationId', { organisationId })
        .andWhere("t.status = 'open'"),
    );
  }

  /** The organisation's open tasks due before `today`. */
  overdue(organisationId: string, today: CalendarDate, page: PageRequest): Promise<Page<TaskRow>> {
    return this.page(page, (query) =>
      query
        .where('t.organisation_id = :organisationId', { organisationId })
        .andWhere("t.status = 'open'")
        .andWhere('t.due_on < CAST(:today AS date)', { today }),
    );
  }

  /** The organisation's tasks about a trajectory, open or not. */
  ofTrajectory(trajectoryId: string, organisationId: string, page: PageRequest): Promise<Page<TaskRow>> {
    return this.page(page, (query) =>
      query
        .where('t.trajectory_id = :trajectoryId', { trajectoryId })
        .andWhere('t.organisation_id = :organisationId', { organisationId }),
    );
  }

  /**
   * The user's open tasks due on or before `date`, due first (at most `limit`): what a reminder is derived from
   * (docs/casework.md, "Reminders").
   */
  async openDueBy(userId: string, date: CalendarDate, limit = 200): Promise<OpenTaskDue[]> {
    const rows = await this.dataSource
      .getRepository(TaskRow)
      .createQueryBuilder('t')
      .where('t.assignee_id = :userId', { userId })
      .andWhere("t.status = 'open'")
      .andWhere('t.due_on <= CAST(:date AS date)', { date })
      .orderBy('t.due_on', 'ASC')
      .addOrderBy('t.task_id', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((row) => ({
      taskId: row.taskId,
      trajectoryId: row.trajectoryId,
      organisationId: row.organisationId,
      assigneeId: row.assigneeId,
      kind: row.kind as TaskKind,
      dueOn: row.dueOn,
      status: row.status as TaskStatus,
    }));
  }

  private async page(
    page: PageRequest,
    filter: (query: SelectQueryBuilder<TaskRow>) => SelectQueryBuilder<TaskRow>,
  ): Promise<Page<TaskRow>> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(page.cursor);
    if (after && !(isCalendarDate(after.sortKey) && isUuid(after.id))) {
      throw new InvalidInput('INVALID_CURSOR', 'Use the nextCursor of a previous page.');
    }
    const query = filter(this.dataSource.getRepository(TaskRow).createQueryBuilder('t'))
      .orderBy('t.due_on', 'ASC')
      .addOrderBy('t.task_id', 'ASC')
      .limit(limit + 1);
    if (after) query.andWhere('(t.due_on, t.task_id) > (CAST(:sortKey AS date), CAST(:id AS uuid))', after);
    const rows = await query.getMany();
    return toPage(
      rows,
      limit,
      (row) => ({ sortKey: row.dueOn, id: row.taskId }),
      (row) => row,
    );
  }
}
