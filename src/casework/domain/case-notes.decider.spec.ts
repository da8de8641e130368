import { given } from '../../shared/domain/decider-specification';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import { caseNotesDecider, type NotedTrajectory, type WriteCaseNote } from './case-notes.decider';
import type { CaseNoteWritten } from './case-notes.events';

const trajectoryId = '7c0e7c3d-0000-4000-8000-000000000001';
const clientId = '7c0e7c3d-0000-4000-8000-000000000002';
const noteId = '7c0e7c3d-0000-4000-8000-000000000003';
const ocmwKortrijk = '7c0e7c3d-0000-4000-8000-0000000000a1';
const text: SealedPersonalData = { $pii: { v: 1, kid: clientId, iv: 'iv', ct: 'ct', tag: 'tag' } };
const open: NotedTrajectory = { trajectoryId, clientId, organisationId: ocmwKortrijk, status: 'open' };

const write = (overrides: Partial<WriteCaseNote> = {}): WriteCaseNote => ({
  type: 'WriteCaseNote',
  noteId,
  trajectory: open,
  authorId: 'sw-kortrijk',
  writtenAt: '2026-12-07T10:00:00.000Z',
  text,
  ...overrides,
});

const written: CaseNoteWritten = {
  type: 'CaseNoteWritten',
  data: {
    noteId,
    trajectoryId,
    clientId,
    organisationId: ocmwKortrijk,
    authorId: 'sw-kortrijk',
    writtenAt: '2026-12-07T10:00:00.000Z',
    text,
  },
};

describe('case notes decider', () => {
  it('writes a note on an open trajectory, sealed text and the responsible organisation', () => {
    expect(given(caseNotesDecider).when(write())).toEqual([written]);
  });

  it('refuses a note on a closed trajectory', () => {
    expect(given(caseNotesDecider).refusalOf(write({ trajectory: { ...open, status: 'closed' } }))).toBe(
      'INTAKE_CLOSED',
    );
  });

  it('writes nothing again for a note id it holds already', () => {
    expect(given(caseNotesDecider, [written]).when(write())).toEqual([]);
  });

  it('writes a second note beside the first', () => {
    const second = '7c0e7c3d-0000-4000-8000-000000000004';
    const events = given(caseNotesDecider, [written]).when(write({ noteId: second }));
    expect(events.map((event) => event.data.noteId)).toEqual([second]);
  });
});
