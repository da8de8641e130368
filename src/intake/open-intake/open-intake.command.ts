import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { IntakeChange } from '../common/trajectory-command';

/** Open an intake trajectory for a person; the body stays raw, its checks need look-ups. */
export class OpenIntake extends Command<IntakeChange> {
  constructor(
    readonly caller: Caller,
    readonly body: unknown,
  ) {
    super();
  }
}
