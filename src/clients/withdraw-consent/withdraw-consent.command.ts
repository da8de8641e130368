import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { GivenConsent } from '../give-consent/give-consent.command';

/** Record the withdrawal of a person's consent; the body (optional) says from when. */
export class WithdrawConsent extends Command<GivenConsent> {
  constructor(
    readonly caller: Caller,
    readonly clientId: string,
    readonly consentId: string,
    readonly body: unknown,
  ) {
    super();
  }
}
