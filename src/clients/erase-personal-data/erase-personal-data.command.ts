import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { CommandResult } from '../../shared/commands/command-executor';
import type { ClientState } from '../domain/client.decider';

/** Erase a person's personal data (GDPR art. 17). */
export class ErasePersonalData extends Command<CommandResult<ClientState>> {
  constructor(
    readonly caller: Caller,
    readonly clientId: string,
  ) {
    super();
  }
}
