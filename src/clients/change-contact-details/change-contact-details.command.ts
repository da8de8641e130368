import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { CommandResult } from '../../shared/commands/command-executor';
import type { ClientState } from '../domain/client.decider';

export interface ChangedContactDetails {
  readonly phone: string | null;
  readonly preferredLanguage: string | null;
  readonly result: CommandResult<ClientState>;
}

/** Change a person's phone or preferred language (docs/adr/0028). The body is validated by the handler. */
export class ChangeContactDetails extends Command<ChangedContactDetails> {
  constructor(
    readonly caller: Caller,
    readonly clientId: string,
    readonly body: unknown,
  ) {
    super();
  }
}
