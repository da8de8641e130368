import type { CalendarDate } from '../../shared/domain/calendar';
import type { Decider } from '../../shared/domain/decider';
import { InvalidInput } from '../../shared/domain/domain-error';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import type { NotedTrajectory } from './case-notes.decider';
import { taskNotFound, taskNotOpen, trajectoryClosed } from './casework-refusals';
import { addMonths } from './due-dates';
import type { TaskEvent, TaskPlanned } from './task.events';
import type { TaskKind, TaskStatus } from './task.values';

/** A due date: a day, or "after N months" counted from the day it is planned. */
export type TaskDue = { readonly on: CalendarDate } | { readonly inMonths: number };

export interface PlanTask {
  readonly type: 'PlanTask';
  readonly taskId: string;
  readonly trajectory: NotedTrajectory;
  /** A user of the trajectory's organisation: the handler checked it (docs/adr/0030). */
  readonly assigneeId: string;
  readonly kind: TaskKind;
  readonly due: TaskDue;
  readonly description: SealedPersonalData | null;
  /** Today in Belgium, from the command: no clock in the domain. */
  readonly today: CalendarDate;
}

export interface ReassignTask {
  readonly type: 'ReassignTask';
  readonly assigneeId: string;
}

export interface RescheduleTask {
  readonly type: 'RescheduleTask';
  readonly due: TaskDue;
  readonly today: CalendarDate;
}

export interface CloseTask {
  readonly type: 'CompleteTask' | 'CancelTask';
  readonly occurredOn: CalendarDate;
  readonly reason: SealedPersonalData | null;
}

export type TaskCommand = PlanTask | ReassignTask | RescheduleTask | CloseTask;

export interface KnownTask {
  readonly status: TaskStatus;
  readonly planned: TaskPlanned['data'];
  readonly assigneeId: string;
  readonly dueOn: CalendarDate;
  readonly closedOn: CalendarDate | null;
  /** Why it was completed or cancelled, sealed; null while open or when no reason was given. */
  readonly reason: SealedPersonalData | null;
}

export type TaskState = { readonly status: 'none' } | KnownTask;

/** The day a due date names, counted from `today`; refused (400 on `field`) when it lies before today. */
export function dueDateOf(due: TaskDue, today: CalendarDate, field = 'dueOn'): CalendarDate {
  const dueOn = 'on' in due ? due.on : addMonths(today, due.inMonths);
  if (dueOn < today) throw InvalidInput.fields([{ field, messages: [`${field} must not be in the past`] }]);
  return dueOn;
}

/**
 * A task about an intake trajectory (docs/casework.md): planned on an open trajectory for a user of its
 * organisation, due today or later; re-assigned or re-dated while open; completed or cancelled once.
 */
export const taskDecider: Decider<TaskCommand, TaskEvent, TaskState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    if (command.type === 'PlanTask') {
      if (state.status !== 'none') return [];
      if (command.trajectory.status === 'closed') throw trajectoryClosed();
      const { trajectory } = command;
      return [
        {
          type: 'TaskPlanned',
          data: {
            taskId: command.taskId,
            trajectoryId: trajectory.trajectoryId,
            clientId: trajectory.clientId,
            organisationId: trajectory.organisationId,
            assigneeId: command.assigneeId,
            kind: command.kind,
            dueOn: dueDateOf(command.due, command.today),
            plannedOn: command.today,
            description: command.description,
          },
        },
      ];
    }
    if (state.status === 'none') throw taskNotFound();
    if (state.status !== 'open') throw taskNotOpen();
    const { taskId } = state.planned;
    switch (command.type) {
      case 'ReassignTask':
        return command.assigneeId === state.assigneeId
          ? []
          : [{ type: 'TaskReassigned', data: { taskId, assigneeId: command.assigneeId } }];
      case 'RescheduleTask': {
        const dueOn = dueDateOf(command.due, command.today);
        return dueOn === state.dueOn ? [] : [{ type: 'TaskRescheduled', data: { taskId, dueOn } }];
      }
      case 'CompleteTask':
      case 'CancelTask':
        return [
          {
            type: command.type === 'CompleteTask' ? 'TaskCompleted' : 'TaskCancelled',
            data: { taskId, occurredOn: command.occurredOn, reason: command.reason },
          },
        ];
    }
  },
  evolve(state, event) {
    if (event.type === 'TaskPlanned') {
      const planned = event.data;
      return {
        status: 'open',
        planned,
        assigneeId: planned.assigneeId,
        dueOn: planned.dueOn,
        closedOn: null,
        reason: null,
      };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'TaskReassigned':
        return { ...state, assigneeId: event.data.assigneeId };
      case 'TaskRescheduled':
        return { ...state, dueOn: event.data.dueOn };
      case 'TaskCompleted':
        return { ...state, status: 'completed', closedOn: event.data.occurredOn, reason: event.data.reason };
      case 'TaskCancelled':
        return { ...state, status: 'cancelled', closedOn: event.data.occurredOn, reason: event.data.reason };
    }
  },
};
