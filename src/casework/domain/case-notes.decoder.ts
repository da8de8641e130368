import { eventDecoder, object, string } from '../../shared/domain/event-decoding';
import { sealedPersonalData } from '../../shared/domain/sealed-personal-data';
import type { CaseNoteEvent } from './case-notes.events';

/** The one way a stored case-note event becomes a `CaseNoteEvent` (docs/architecture.md §6a). */
export const decodeCaseNoteEvent = eventDecoder<CaseNoteEvent>({
  CaseNoteWritten: object({
    noteId: string,
    trajectoryId: string,
    clientId: string,
    organisationId: string,
    authorId: string,
    writtenAt: string,
    text: sealedPersonalData,
  }),
});
