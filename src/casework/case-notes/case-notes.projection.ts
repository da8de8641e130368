import type { RecordedEvent } from '../../shared/event-store';
import { defineRowProjection } from '../../shared/projections';
import { decodeCaseNoteEvent } from '../domain/case-notes.decoder';
import { CASE_NOTE_EVENT_TYPES } from '../domain/case-notes.events';
import { CaseNoteRow } from './case-note.row';

export const CASE_NOTES_PROJECTION = 'casework.case-notes';

/** One row per case note, the text sealed as in the event. */
export const caseNotesProjection = defineRowProjection<CaseNoteRow>({
  name: CASE_NOTES_PROJECTION,
  version: 1,
  entity: CaseNoteRow,
  eventTypes: CASE_NOTE_EVENT_TYPES,
  keyOf: (event) => decodeCaseNoteEvent(event).data.noteId,
  evolve(_row, recorded: RecordedEvent) {
    const { data } = decodeCaseNoteEvent(recorded);
    return { ...data, sequence: recorded.revision };
  },
});
