import type { Decider } from '../../shared/domain/decider';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import { trajectoryClosed } from './casework-refusals';
import type { CaseNoteEvent, CaseNoteWritten } from './case-notes.events';

/** The trajectory a note is written on, as the intake capability answers for it now. */
export interface NotedTrajectory {
  readonly trajectoryId: string;
  readonly clientId: string;
  readonly organisationId: string;
  readonly status: 'open' | 'closed';
}

export interface WriteCaseNote {
  readonly type: 'WriteCaseNote';
  readonly noteId: string;
  readonly trajectory: NotedTrajectory;
  readonly authorId: string;
  /** When it is decided (ISO-8601): no clock in the domain. */
  readonly writtenAt: string;
  readonly text: SealedPersonalData;
}

export type CaseNoteCommand = WriteCaseNote;

/** The notes of one trajectory, by id (the text sealed): which exist already, and what an answer shows of them. */
export interface CaseNotesState {
  readonly notes: ReadonlyMap<string, CaseNoteWritten['data']>;
}

/**
 * The case notes of one trajectory (docs/casework.md): written on an open trajectory only (409 `INTAKE_CLOSED`);
 * a note id written already writes nothing again. Notes are never changed: docs/adr/0030.
 */
export const caseNotesDecider: Decider<CaseNoteCommand, CaseNoteEvent, CaseNotesState> = {
  initialState: { notes: new Map() },
  decide(command, state) {
    if (state.notes.has(command.noteId)) return [];
    const { trajectory } = command;
    if (trajectory.status === 'closed') throw trajectoryClosed();
    return [
      {
        type: 'CaseNoteWritten',
        data: {
          noteId: command.noteId,
          trajectoryId: trajectory.trajectoryId,
          clientId: trajectory.clientId,
          organisationId: trajectory.organisationId,
          authorId: command.authorId,
          writtenAt: command.writtenAt,
          text: command.text,
        },
      },
    ];
  },
  evolve(state, event) {
    return { notes: new Map([...state.notes, [event.data.noteId, event.data]]) };
  },
};
