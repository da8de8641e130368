import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { CommandResult } from '../../shared/commands/command-executor';
import type { IntakeState } from '../domain/intake.decider';

/** What a command on a trajectory answers: its result, and the id of what it created (assessments, needs, …). */
export interface IntakeChange {
  readonly result: CommandResult<IntakeState>;
  readonly created: { readonly assessmentId?: string; readonly needId?: string; readonly unmetNeedId?: string };
}

/**
 * A command on an existing trajectory, as the request made it: the body stays raw, because its validation needs
 * the trajectory (dates not before its opening, needs recorded in it) and comes after the access check.
 */
export abstract class TrajectoryCommand extends Command<IntakeChange> {
  constructor(
    readonly caller: Caller,
    readonly trajectoryId: string,
    readonly body: unknown,
  ) {
    super();
  }
}

/** A command on one right of a trajectory (`/rights/:rightId/…`). */
export abstract class TrajectoryRightCommand extends TrajectoryCommand {
  constructor(
    caller: Caller,
    trajectoryId: string,
    readonly rightId: string,
    body: unknown,
  ) {
    super(caller, trajectoryId, body);
  }
}
