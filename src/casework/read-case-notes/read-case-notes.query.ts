import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { Page } from '../../shared/http/pagination';
import type { CaseNoteView } from '../case-notes/case-note.view';

/** A trajectory's case notes, newest first, for the organisation responsible for it now. */
export class ReadCaseNotes extends Query<Page<CaseNoteView>> {
  constructor(
    readonly caller: Caller,
    readonly trajectoryId: string,
    readonly page: { readonly limit?: number; readonly cursor?: string },
  ) {
    super();
  }
}
