import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Page } from '../../shared/http/pagination';
import { CaseNoteList } from '../case-notes/case-note-list';
import type { CaseNoteView } from '../case-notes/case-note.view';
import { CaseworkAccess } from '../common/casework-access';
import { CaseworkTexts } from '../common/casework-texts';
import { CASE_NOTE_CONTEXT } from '../domain/case-notes.events';
import { ReadCaseNotes } from './read-case-notes.query';

@QueryHandler(ReadCaseNotes)
export class ReadCaseNotesHandler implements IQueryHandler<ReadCaseNotes> {
  constructor(
    private readonly access: CaseworkAccess,
    private readonly notes: CaseNoteList,
    private readonly texts: CaseworkTexts,
  ) {}

  async execute({ caller, trajectoryId, page }: ReadCaseNotes): Promise<Page<CaseNoteView>> {
    const trajectory = await this.access.responsibleFor(caller.user, trajectoryId, caller.accessLog);
    const rows = await this.notes.ofTrajectory(trajectoryId, page);
    const texts = await this.texts.open(
      trajectory.clientId,
      CASE_NOTE_CONTEXT,
      rows.items.map((row) => row.text),
    );
    return {
      items: rows.items.map((row, index) => ({
        noteId: row.noteId,
        trajectoryId: row.trajectoryId,
        organisationId: row.organisationId,
        authorId: row.authorId,
        writtenAt: row.writtenAt,
        text: texts[index] ?? null,
      })),
      nextCursor: rows.nextCursor,
    };
  }
}
