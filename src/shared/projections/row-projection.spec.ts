import type { RecordedEvent } from '../event-store';
import { ProjectionEventFailed } from './projection.errors';
import { foldRows, ProjectedRow, type AppliedRow, type RowProjectionDefinition } from './row-projection';

class CaseRow extends ProjectedRow {
  caseId!: string;
  notes!: number;
}

let sequence = 0;
function recorded(type: string, caseId: string, data: Record<string, string> = {}): RecordedEvent {
  sequence += 1;
  return {
    streamId: `case-${caseId}`,
    revision: 0n,
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    type,
    data,
    metadata: {},
    position: { commit: BigInt(sequence), prepare: BigInt(sequence) },
    created: new Date(0),
  };
}

const caseNotes: RowProjectionDefinition<CaseRow> = {
  name: 'case-notes',
  version: 1,
  entity: CaseRow,
  eventTypes: ['CaseOpened', 'NoteAdded', 'CaseClosed', 'Broken'],
  keyOf: (event) => (event.streamId.startsWith('case-') ? event.streamId.slice(5) : undefined),
  evolve(row, event) {
    switch (event.type) {
      case 'CaseOpened':
        return { caseId: event.streamId.slice(5), notes: 0 };
      case 'NoteAdded':
        return row && { ...row, notes: row.notes + 1 };
      case 'CaseClosed':
        return undefined;
      default:
        throw new Error('evolve refused the event');
    }
  },
};

describe('foldRows', () => {
  it('creates, updates and deletes rows, recording the last applied position', () => {
    const opened = recorded('CaseOpened', 'a');
    const note = recorded('NoteAdded', 'a');
    const other = recorded('CaseOpened', 'b');
    const closed = recorded('CaseClosed', 'b');
    const changed = foldRows(caseNotes, new Map(), [opened, note, other, closed]);
    expect(changed.get('a')).toEqual({ state: { caseId: 'a', notes: 1 }, position: note.position });
    expect(changed.get('b')).toBeNull();
  });

  it('skips events at or before a row’s last applied position (re-delivery is a no-op)', () => {
    const opened = recorded('CaseOpened', 'a');
    const note = recorded('NoteAdded', 'a');
    const stored = new Map<string, AppliedRow<CaseRow>>([
      ['a', { state: { caseId: 'a', notes: 1 }, position: note.position }],
    ]);
    expect(foldRows(caseNotes, stored, [opened, note]).size).toBe(0);
    const later = recorded('NoteAdded', 'a');
    expect(foldRows(caseNotes, stored, [opened, note, later]).get('a')).toEqual({
      state: { caseId: 'a', notes: 2 },
      position: later.position,
    });
  });

  it('ignores types it does not list and events without a key', () => {
    const changed = foldRows(caseNotes, new Map(), [
      recorded('CaseOpenedElsewhere', 'a'),
      { ...recorded('CaseOpened', 'x'), streamId: 'referral-1' },
    ]);
    expect(changed.size).toBe(0);
  });

  it('names the failing event by id, type and position, never by its data', () => {
    const broken = recorded('Broken', 'a', { name: 'Jan Peeters' });
    let failure: unknown;
    try {
      foldRows(caseNotes, new Map(), [broken]);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ProjectionEventFailed);
    const message = (failure as Error).message;
    expect(message).toContain(broken.id);
    expect(message).toContain('Broken');
    expect(message).toContain(`${broken.position.commit}/${broken.position.prepare}`);
    expect(message).not.toContain('Jan Peeters');
  });
});
