import type { DomainEvent } from '../../shared/domain/domain-event';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';

/** One stream per intake trajectory holds its case notes: `caseNotes-<trajectoryId>` (docs/casework.md). */
export const CASE_NOTES_CATEGORY = 'caseNotes';

/** The sealing context of a case note's text (docs/adr/0012): opened only with the same context. */
export const CASE_NOTE_CONTEXT = 'casework.caseNote';

/**
 * A social worker of the responsible organisation wrote a note on the trajectory. The text is sealed with the
 * person's key, so that erasing the person makes it unreadable everywhere (docs/adr/0030).
 */
export type CaseNoteWritten = DomainEvent<
  'CaseNoteWritten',
  {
    readonly noteId: string;
    readonly trajectoryId: string;
    readonly clientId: string;
    /** The organisation responsible for the trajectory when the note was written: the one that wrote it. */
    readonly organisationId: string;
    readonly authorId: string;
    /** ISO-8601 instant, from the command (decided at). */
    readonly writtenAt: string;
    readonly text: SealedPersonalData;
  }
>;

export type CaseNoteEvent = CaseNoteWritten;

export const CASE_NOTE_EVENT_TYPES = ['CaseNoteWritten'] as const satisfies readonly CaseNoteEvent['type'][];
