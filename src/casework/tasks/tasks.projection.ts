import type { RecordedEvent } from '../../shared/event-store';
import { defineRowProjection } from '../../shared/projections';
import { decodeTaskEvent } from '../domain/task.decoder';
import { TASK_EVENT_TYPES } from '../domain/task.events';
import { TaskRow } from './task.row';

export const TASKS_PROJECTION = 'casework.tasks';

/** One row per task: who, when due, where it stands. Free text stays sealed in the events. */
export const tasksProjection = defineRowProjection<TaskRow>({
  name: TASKS_PROJECTION,
  version: 1,
  entity: TaskRow,
  eventTypes: TASK_EVENT_TYPES,
  keyOf: (event) => decodeTaskEvent(event).data.taskId,
  evolve(row, recorded: RecordedEvent) {
    const event = decodeTaskEvent(recorded);
    const revision = recorded.revision;
    if (event.type === 'TaskPlanned') {
      const { description, ...planned } = event.data;
      return { ...planned, status: 'open', closedOn: null, hasDescription: description !== null, revision };
    }
    if (!row) return undefined;
    switch (event.type) {
      case 'TaskReassigned':
        return { ...row, assigneeId: event.data.assigneeId, revision };
      case 'TaskRescheduled':
        return { ...row, dueOn: event.data.dueOn, revision };
      case 'TaskCompleted':
        return { ...row, status: 'completed', closedOn: event.data.occurredOn, revision };
      case 'TaskCancelled':
        return { ...row, status: 'cancelled', closedOn: event.data.occurredOn, revision };
    }
  },
});
