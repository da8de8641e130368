import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, newResourceId } from '../../shared/commands/command-executor';
import { validateRequest } from '../../shared/commands/request-validation';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { streamName } from '../../shared/domain/ids';
import { CaseworkAccess } from '../common/casework-access';
import { CaseworkTexts } from '../common/casework-texts';
import { caseNotesDecider } from '../domain/case-notes.decider';
import { decodeCaseNoteEvent } from '../domain/case-notes.decoder';
import { CASE_NOTE_CONTEXT, CASE_NOTES_CATEGORY } from '../domain/case-notes.events';
import { WriteCaseNote, type WrittenCaseNote } from './write-case-note.command';
import { WriteCaseNoteRequest } from './write-case-note.request';

@CommandHandler(WriteCaseNote)
export class WriteCaseNoteHandler implements ICommandHandler<WriteCaseNote> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: CaseworkAccess,
    private readonly texts: CaseworkTexts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, trajectoryId, body }: WriteCaseNote): Promise<WrittenCaseNote> {
    // Who may write comes first: a caller of another organisation learns nothing from a 400 about the body.
    const trajectory = await this.access.responsibleFor(caller.user, trajectoryId, caller.accessLog);
    const request = await validateRequest(WriteCaseNoteRequest, body);
    const noteId = newResourceId(caller.envelope, CASE_NOTES_CATEGORY);
    const result = await this.executor.execute(
      streamName(CASE_NOTES_CATEGORY, trajectoryId),
      caseNotesDecider,
      {
        type: 'WriteCaseNote',
        noteId,
        trajectory,
        authorId: caller.user.userId,
        writtenAt: this.clock.now().toISOString(),
        text: await this.texts.seal(trajectory.clientId, CASE_NOTE_CONTEXT, request.text),
      },
      caller.envelope,
      decodeCaseNoteEvent,
    );
    // A retry answers with the note as first written (its time), the text as sent.
    const written = result.state.notes.get(noteId);
    if (!written) throw new Error('Writing a case note left no note');
    const { clientId: _clientId, text: _sealed, ...note } = written;
    return { note: { ...note, text: request.text }, result };
  }
}
