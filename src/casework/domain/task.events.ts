import type { CalendarDate } from '../../shared/domain/calendar';
import type { DomainEvent } from '../../shared/domain/domain-event';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import type { TaskKind } from './task.values';

/** One stream per task: `caseTask-<taskId>` (docs/casework.md). */
export const TASK_CATEGORY = 'caseTask';

/** Sealing contexts of a task's free text (docs/adr/0012). */
export const TASK_DESCRIPTION_CONTEXT = 'casework.taskDescription';
export const TASK_REASON_CONTEXT = 'casework.taskReason';

/** Every task event names the task; the notifications capability reads `assigneeId`, `dueOn` and the type. */
interface TaskFact {
  readonly taskId: string;
}

export type TaskPlanned = DomainEvent<
  'TaskPlanned',
  TaskFact & {
    readonly trajectoryId: string;
    /** The person's pseudonymous id: subject access and erasure find the task by it. */
    readonly clientId: string;
    readonly organisationId: string;
    readonly assigneeId: string;
    readonly kind: TaskKind;
    readonly dueOn: CalendarDate;
    readonly plannedOn: CalendarDate;
    readonly description: SealedPersonalData | null;
  }
>;
export type TaskReassigned = DomainEvent<'TaskReassigned', TaskFact & { readonly assigneeId: string }>;
export type TaskRescheduled = DomainEvent<'TaskRescheduled', TaskFact & { readonly dueOn: CalendarDate }>;
export type TaskCompleted = DomainEvent<
  'TaskCompleted',
  TaskFact & { readonly occurredOn: CalendarDate; readonly reason: SealedPersonalData | null }
>;
export type TaskCancelled = DomainEvent<
  'TaskCancelled',
  TaskFact & { readonly occurredOn: CalendarDate; readonly reason: SealedPersonalData | null }
>;

export type TaskEvent = TaskPlanned | TaskReassigned | TaskRescheduled | TaskCompleted | TaskCancelled;

export const TASK_EVENT_TYPES = [
  'TaskPlanned',
  'TaskReassigned',
  'TaskRescheduled',
  'TaskCompleted',
  'TaskCancelled',
] as const satisfies readonly TaskEvent['type'][];
