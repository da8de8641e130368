import { eventDecoder, nullable, object, oneOf, string } from '../../shared/domain/event-decoding';
import { sealedPersonalData as sealed } from '../../shared/domain/sealed-personal-data';
import type { TaskEvent } from './task.events';
import { TASK_KINDS } from './task.values';

const closed = object({ taskId: string, occurredOn: string, reason: nullable(sealed) });

/**
 * The one way a stored task event becomes a `TaskEvent` (docs/architecture.md §6a): for the task's commands, its
 * read model, subject access, and the notifications capability (exported from `src/casework/index.ts`).
 */
export const decodeTaskEvent = eventDecoder<TaskEvent>({
  TaskPlanned: object({
    taskId: string,
    trajectoryId: string,
    clientId: string,
    organisationId: string,
    assigneeId: string,
    kind: oneOf(...TASK_KINDS),
    dueOn: string,
    plannedOn: string,
    description: nullable(sealed),
  }),
  TaskReassigned: object({ taskId: string, assigneeId: string }),
  TaskRescheduled: object({ taskId: string, dueOn: string }),
  TaskCompleted: closed,
  TaskCancelled: closed,
});
