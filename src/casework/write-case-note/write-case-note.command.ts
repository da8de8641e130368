import { Command } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { CommandResult } from '../../shared/commands/command-executor';
import type { CaseNotesState } from '../domain/case-notes.decider';
import type { CaseNoteView } from '../case-notes/case-note.view';

export interface WrittenCaseNote {
  readonly note: CaseNoteView;
  readonly result: CommandResult<CaseNotesState>;
}

/** Write a case note on a trajectory; `body` is validated by the handler once the caller may write there. */
export class WriteCaseNote extends Command<WrittenCaseNote> {
  constructor(
    readonly caller: Caller,
    readonly trajectoryId: string,
    readonly body: unknown,
  ) {
    super();
  }
}
