import { Command } from '@nestjs/cqrs';
import type { CommandResult } from '../../shared/commands/command-executor';
import type { Caller } from '../../shared/commands/caller';
import type { ClientState } from '../domain/client.decider';

export type RegistrationOutcome =
  | {
      readonly kind: 'registered';
      readonly clientId: string;
      readonly result: CommandResult<ClientState>;
      /** Other people with the same name and birth date: possibly the same person registered twice. */
      readonly possibleDuplicates: readonly string[];
    }
  /** The INSZ is registered already: the person's id only, nothing the caller's organisation may not see. */
  | { readonly kind: 'already_registered'; readonly clientId: string };

/** Register a person once for the region. The body is validated by the handler (a rule needs a look-up). */
export class RegisterClient extends Command<RegistrationOutcome> {
  constructor(
    readonly caller: Caller,
    readonly body: unknown,
  ) {
    super();
  }
}
