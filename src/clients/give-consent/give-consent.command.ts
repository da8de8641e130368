import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { CommandResult } from '../../shared/commands/command-executor';
import type { ClientState, ConsentRecord } from '../domain/client.decider';

export interface GivenConsent {
  readonly consent: ConsentRecord;
  readonly result: CommandResult<ClientState>;
}

/** Record a person's consent. The body is validated by the handler (a rule needs a look-up). */
export class GiveConsent extends Command<GivenConsent> {
  constructor(
    readonly caller: Caller,
    readonly clientId: string,
    readonly body: unknown,
  ) {
    super();
  }
}
