import { Inject, Injectable } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import { type CommandContext, CommandExecutor, type CommandResult } from '../../shared/commands/command-executor';
import type { CalendarDate } from '../../shared/domain/calendar';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { today } from '../../shared/domain/today';
import { type InvalidFields, validateRequest } from '../../shared/commands/request-validation';
import { type DateBounds, occurredOnProblems, sinceOpening } from '../domain/input-rules';
import type { IntakeCommand } from '../domain/intake.commands';
import { intakeDecider, type IntakeState, type OpenedTrajectory } from '../domain/intake.decider';
import { decodeIntakeEvent } from '../domain/intake.decoder';
import type { DatedRequest } from './dated.request';
import { IntakeAccess } from './intake-access';
import { intakeStream, isRetry } from './intake-streams';
import type { IntakeChange, TrajectoryCommand } from './trajectory-command';

/** What a handler knows once the request is valid. */
export interface CommandInput<Request> {
  readonly request: Request;
  readonly trajectory: OpenedTrajectory;
  readonly occurredOn: CalendarDate;
  readonly today: CalendarDate;
  readonly context: CommandContext;
}

/** How a handler turns its command into the decider's: the request's type, its checks, the claims around it. */
export interface TrajectoryCommandSteps<Request extends DatedRequest, Decided extends IntakeCommand> {
  readonly requestType: ClassConstructor<Request>;
  /** When `occurredOn` may lie; by default since the trajectory was opened. */
  readonly dateBounds?: (trajectory: OpenedTrajectory, now: { readonly today: CalendarDate }) => DateBounds;
  /** The checks that need the trajectory, the clock or a look-up, besides `occurredOn`'s. */
  readonly checks?: (
    request: Request,
    invalid: InvalidFields,
    trajectory: OpenedTrajectory,
    today: CalendarDate,
  ) => FieldProblem[] | Promise<FieldProblem[]>;
  readonly decided: (input: CommandInput<Request>) => Decided | Promise<Decided>;
  /** Before the append: a claim that must hold first (docs/adr/0014). */
  readonly before?: (input: CommandInput<Request>) => Promise<void>;
  /** After a successful append: a release. */
  readonly after?: (input: CommandInput<Request>, result: CommandResult<IntakeState>) => Promise<void>;
  /** The ids of what the command created, for the answer. */
  readonly created?: (decided: Decided) => IntakeChange['created'];
}

/**
 * The steps every command on an existing trajectory takes, in this order, called by its handler: the caller's
 * organisation must be responsible for it (404, 403), then one 400 lists every invalid field (the shape,
 * `occurredOn`, the checks needing the trajectory or a look-up), then the decider decides (409 with a stable code)
 * and the events are appended (`If-Match` → 412, `Idempotency-Key` → nothing twice), with the claims around it.
 */
@Injectable()
export class IntakeCommands {
  constructor(
    private readonly access: IntakeAccess,
    private readonly executor: CommandExecutor,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Runs the command; answers its result and the ids it made. */
  async run<Request extends DatedRequest, Decided extends IntakeCommand>(
    command: TrajectoryCommand,
    steps: TrajectoryCommandSteps<Request, Decided>,
  ): Promise<IntakeChange> {
    const { caller, trajectoryId } = command;
    const date = today(this.clock);
    const context = caller.envelope;
    const loaded = await this.access.responsibleFor(caller.user, trajectoryId, caller.accessLog, context);
    const { state: trajectory, revision } = loaded;
    const retry = isRetry(loaded, trajectoryId, context);
    const bounds = (steps.dateBounds ?? sinceOpening)(trajectory, { today: date });
    const request = await validateRequest(steps.requestType, command.body, async (candidate, invalid) => [
      ...(invalid.ok('occurredOn') ? occurredOnProblems(candidate.occurredOn ?? date, bounds) : []),
      ...((await steps.checks?.(candidate, invalid, trajectory, date)) ?? []).filter((problem) =>
        invalid.ok(problem.field),
      ),
    ]);
    const input: CommandInput<Request> = {
      request,
      trajectory,
      occurredOn: request.occurredOn ?? date,
      today: date,
      context,
    };
    const decided = await steps.decided(input);
    if (steps.before && !retry) {
      // Decided once before the claim too, so that a refused command leaves no claim behind (a stale `If-Match` is
      // left to the executor's 412, a retry to its replay). The executor decides again on the stream as it is then.
      if (context.expectedRevision === undefined || context.expectedRevision === revision) {
        intakeDecider.decide(decided, trajectory);
      }
      await steps.before(input);
    }
    const result = await this.executor.execute(
      intakeStream(trajectoryId),
      intakeDecider,
      decided,
      context,
      decodeIntakeEvent,
    );
    if (result.position !== undefined) await steps.after?.(input, result);
    return { result, created: steps.created?.(decided) ?? {} };
  }
}
