import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { WrittenReferral } from '../common/referral-step.command';

/** Send a referral from an intake trajectory of the caller's organisation; `body` is validated by the handler. */
export class SendReferral extends Command<WrittenReferral> {
  constructor(
    readonly caller: Caller,
    readonly body: unknown,
  ) {
    super();
  }
}
