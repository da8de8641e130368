import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { CommandResult } from '../../shared/commands/command-executor';
import type { ReferralState } from '../domain/referral.decider';
import type { ReferralView } from './referral.view';

/** What a referral command answers: the referral as the caller may see it, and where the write left its stream. */
export interface WrittenReferral {
  readonly referral: ReferralView;
  readonly result: CommandResult<ReferralState>;
}

/**
 * A command on one existing referral, as a request makes it: the caller, the referral and the raw body, which the
 * handler validates only after it knows the caller is a party to the referral.
 */
export abstract class ReferralStepCommand extends Command<WrittenReferral> {
  constructor(
    readonly caller: Caller,
    readonly referralId: string,
    readonly body: unknown,
  ) {
    super();
  }
}
