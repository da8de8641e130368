import { Inject, Injectable } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import type { ClassConstructor } from 'class-transformer';
import { forbidden } from '../../shared/auth/access-problems';
import type { Caller } from '../../shared/commands/caller';
import { CommandExecutor, type CommandResult } from '../../shared/commands/command-executor';
import { type RequestChecks, validateRequest } from '../../shared/commands/request-validation';
import { type CalendarDate } from '../../shared/domain/calendar';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { foldEvents } from '../../shared/domain/decider';
import { isUuid, streamName } from '../../shared/domain/ids';
import { today } from '../../shared/domain/today';
import { taskNotFound } from '../domain/casework-refusals';
import { type KnownTask, type TaskCommand, taskDecider, type TaskState } from '../domain/task.decider';
import { decodeTaskEvent } from '../domain/task.decoder';
import { TASK_CATEGORY, TASK_DESCRIPTION_CONTEXT, TASK_REASON_CONTEXT } from '../domain/task.events';
import type { TaskView } from '../tasks/task.view';
import { CaseworkStreams } from './casework-streams';
import { CloseTaskRequest } from './close-task.request';
import { CaseworkTexts } from './casework-texts';

export function taskStream(taskId: string): string {
  return streamName(TASK_CATEGORY, taskId);
}

/** What a task command answers: the task as its organisation sees it, and where the write left its stream. */
export interface WrittenTask {
  readonly task: TaskView;
  readonly result: CommandResult<TaskState>;
}

/** A command on one existing task, as a request makes it: the raw body is validated once the caller may act. */
export abstract class TaskStepCommand extends Command<WrittenTask> {
  constructor(
    readonly caller: Caller,
    readonly taskId: string,
    readonly body: unknown,
  ) {
    super();
  }
}

/**
 * A task's stream, who may act on it, and how it is shown (docs/adr/0030): the social workers of the organisation
 * that planned it (after a transfer of the trajectory, too: the task stays theirs to complete or cancel). Others get
 * the one 403, whether the task exists or not for them.
 */
@Injectable()
export class Tasks {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly streams: CaseworkStreams,
    private readonly texts: CaseworkTexts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The task with its revision, the person logged; 404 `TASK_NOT_FOUND`, 403 for another organisation. */
  async visible(caller: Caller, taskId: string): Promise<{ state: KnownTask; revision: bigint }> {
    const events = isUuid(taskId) ? await this.streams.recorded(taskStream(taskId)) : [];
    const state = foldEvents(taskDecider, events.map(decodeTaskEvent));
    const revision = events.at(-1)?.revision;
    if (state.status === 'none' || revision === undefined) throw taskNotFound();
    caller.accessLog.addPerson(state.planned.clientId);
    if (state.planned.organisationId !== caller.user.organisationId) throw forbidden();
    return { state, revision };
  }

  /**
   * One step on an existing task: access first, then the body (one 400 for every invalid field), then the decider
   * with today's date in Belgium; answers with the task.
   */
  async take<Request extends object>(
    command: TaskStepCommand,
    request: ClassConstructor<Request>,
    decide: (request: Request, context: { state: KnownTask; today: CalendarDate }) => Promise<TaskCommand>,
    checks?: RequestChecks<Request>,
  ): Promise<WrittenTask> {
    const { caller, taskId } = command;
    const { state } = await this.visible(caller, taskId);
    const valid = await validateRequest(request, command.body, checks);
    const decided = await decide(valid, { state, today: today(this.clock) });
    return this.execute(caller, taskId, decided);
  }

  /** Completes or cancels the task, with the optional reason sealed with the person's key. */
  close(command: TaskStepCommand, type: 'CompleteTask' | 'CancelTask'): Promise<WrittenTask> {
    return this.take(command, CloseTaskRequest, async (request, { state, today: date }) => ({
      type,
      occurredOn: date,
      reason: await this.texts.sealOptional(state.planned.clientId, TASK_REASON_CONTEXT, request.reason),
    }));
  }

  async execute(caller: Caller, taskId: string, command: TaskCommand): Promise<WrittenTask> {
    const result = await this.executor.execute(
      taskStream(taskId),
      taskDecider,
      command,
      caller.envelope,
      decodeTaskEvent,
    );
    if (result.state.status === 'none') throw new Error('A task command left no task');
    return { task: await this.view(result.state, result.revision), result };
  }

  /** The task in detail, its description and reason opened for this answer only. */
  async view(state: KnownTask, revision: bigint): Promise<TaskView> {
    const { planned } = state;
    const [description] = await this.texts.open(planned.clientId, TASK_DESCRIPTION_CONTEXT, [planned.description]);
    const [reason] = await this.texts.open(planned.clientId, TASK_REASON_CONTEXT, [state.reason]);
    return {
      taskId: planned.taskId,
      trajectoryId: planned.trajectoryId,
      clientId: planned.clientId,
      organisationId: planned.organisationId,
      assigneeId: state.assigneeId,
      kind: planned.kind,
      status: state.status,
      dueOn: state.dueOn,
      plannedOn: planned.plannedOn,
      closedOn: state.closedOn,
      overdue: isOverdue(state.status, state.dueOn, today(this.clock)),
      hasDescription: planned.description !== null,
      revision: Number(revision),
      description: description ?? null,
      reason: reason ?? null,
    };
  }
}

/** Open and due before today: overdue. */
export function isOverdue(status: string, dueOn: CalendarDate, date: CalendarDate): boolean {
  return status === 'open' && dueOn < date;
}
