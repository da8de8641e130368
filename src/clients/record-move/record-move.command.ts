import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { CommandResult } from '../../shared/commands/command-executor';
import type { CalendarDate } from '../../shared/domain/calendar';
import type { ClientState } from '../domain/client.decider';

export interface RecordedMove {
  readonly municipalityId: string;
  readonly effectiveDate: CalendarDate;
  /** Where the person lives today, after the move. */
  readonly currentMunicipalityId: string;
  readonly result: CommandResult<ClientState>;
}

/** Record that a person moved. The body is validated by the handler (a rule needs a look-up). */
export class RecordMove extends Command<RecordedMove> {
  constructor(
    readonly caller: Caller,
    readonly clientId: string,
    readonly body: unknown,
  ) {
    super();
  }
}
