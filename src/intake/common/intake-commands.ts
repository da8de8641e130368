import { Inject, Injectable } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import type { FastifyReply } from 'fastify';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { commandContext } from '../../shared/commands/command-context';
import { type CommandContext, CommandExecutor, type CommandResult } from '../../shared/commands/command-executor';
import type { CalendarDate } from '../../shared/domain/calendar';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { today } from '../../shared/domain/today';
import { type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { type InvalidFields, validateRequest } from '../../shared/http/request-validation';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import {
  intakeDecider,
  type IntakeCommand,
  type IntakeState,
  type OpenedTrajectory,
  sinceOpening,
} from '../domain/intake.decider';
import type { DateBounds } from '../domain/input-rules';
import { occurredOnProblems } from '../domain/input-rules';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../intake-trajectories/intake-trajectories.projection';
import type { DatedRequest } from './dated.request';
import { IntakeAccess } from './intake-access';
import { intakeStream, isRetry } from './intake-streams';
import { rethrowAsProblem } from './problems';

/** What a command endpoint knows once the request is valid. */
export interface CommandInput<Request> {
  readonly request: Request;
  readonly trajectory: OpenedTrajectory;
  readonly occurredOn: CalendarDate;
  readonly today: CalendarDate;
  readonly context: CommandContext;
}

export interface TrajectoryCommand<Request extends DatedRequest, Decided extends IntakeCommand> {
  readonly trajectoryId: string;
  readonly user: AuthenticatedUser;
  readonly headers: CommandHeaders;
  readonly accessLog: PendingAccessLogEntry;
  readonly reply: FastifyReply;
  readonly body: unknown;
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
  readonly command: (input: CommandInput<Request>) => Decided | Promise<Decided>;
  /** Before the append: a claim that must hold first (docs/adr/0014). */
  readonly before?: (input: CommandInput<Request>) => Promise<void>;
  /** After a successful append: a release. */
  readonly after?: (input: CommandInput<Request>, result: CommandResult<IntakeState>) => Promise<void>;
}

/**
 * The steps every command on an existing trajectory takes, in this order: the caller's organisation must be
 * responsible for it (404, 403), then one 400 lists every invalid field (the shape, `occurredOn`, the checks needing
 * the trajectory or a look-up), then the decider decides (409 with a stable code), the events are appended (`If-Match`
 * → 412, `Idempotency-Key` → nothing twice), the read model is awaited, and the ETag set.
 */
@Injectable()
export class IntakeCommands {
  constructor(
    private readonly access: IntakeAccess,
    private readonly executor: CommandExecutor,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Runs the command; answers its result and the command decided (with the ids it made). */
  async run<Request extends DatedRequest, Decided extends IntakeCommand>(
    spec: TrajectoryCommand<Request, Decided>,
  ): Promise<{ result: CommandResult<IntakeState>; command: Decided }> {
    const date = today(this.clock);
    const context = commandContext(spec.user, spec.headers);
    const loaded = await this.access.responsibleFor(spec.user, spec.trajectoryId, spec.accessLog, context);
    const { state: trajectory, revision } = loaded;
    const retry = isRetry(loaded, spec.trajectoryId, context);
    const bounds = (spec.dateBounds ?? sinceOpening)(trajectory, { today: date });
    const request = await validateRequest(spec.requestType, spec.body, async (candidate, invalid) => [
      ...(invalid.ok('occurredOn') ? occurredOnProblems(candidate.occurredOn ?? date, bounds) : []),
      ...((await spec.checks?.(candidate, invalid, trajectory, date)) ?? []).filter((problem) =>
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
    const command = await spec.command(input);
    if (spec.before && !retry) {
      // Decided once before the claim too, so that a refused command leaves no claim behind (a stale `If-Match` is
      // left to the executor's 412, a retry to its replay). The executor decides again on the stream as it is then.
      if (context.expectedRevision === undefined || context.expectedRevision === revision) {
        try {
          intakeDecider.decide(command, trajectory);
        } catch (error) {
          rethrowAsProblem(error);
        }
      }
      await spec.before(input);
    }
    const result = await this.executor
      .execute(intakeStream(spec.trajectoryId), intakeDecider, command, input.context)
      .catch(rethrowAsProblem);
    if (result.position !== undefined) await spec.after?.(input, result);
    await this.readYourWrites.waitFor(result, [INTAKE_TRAJECTORIES_PROJECTION]);
    setEtag(spec.reply, result.revision);
    return { result, command };
  }
}
