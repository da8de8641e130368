import { UndecodableEvent } from '../../shared/domain/event-decoding';
import { decodeCaseNoteEvent } from './case-notes.decoder';
import { decodeTaskEvent } from './task.decoder';

const stored = (type: string, data: unknown) => ({ streamId: 'caseTask-t1', revision: 2n, type, data });
const sealed = { $pii: { v: 1, kid: 'c1', iv: 'iv', ct: 'secret-ciphertext', tag: 'tag' } };

const planned = {
  taskId: 't1',
  trajectoryId: 'j1',
  clientId: 'c1',
  organisationId: 'o1',
  assigneeId: 'sw-1',
  kind: 'reassessment',
  dueOn: '2027-06-07',
  plannedOn: '2026-12-07',
  description: sealed,
};

function failureOf(decode: () => unknown): UndecodableEvent {
  try {
    decode();
  } catch (error) {
    if (error instanceof UndecodableEvent) return error;
    throw error;
  }
  throw new Error('decoded');
}

describe('decoding casework events', () => {
  it('reads each task event type as stored', () => {
    expect(decodeTaskEvent(stored('TaskPlanned', planned))).toEqual({ type: 'TaskPlanned', data: planned });
    const reassigned = { taskId: 't1', assigneeId: 'sw-2' };
    expect(decodeTaskEvent(stored('TaskReassigned', reassigned))).toEqual({ type: 'TaskReassigned', data: reassigned });
    const rescheduled = { taskId: 't1', dueOn: '2027-07-01' };
    expect(decodeTaskEvent(stored('TaskRescheduled', rescheduled))).toEqual({
      type: 'TaskRescheduled',
      data: rescheduled,
    });
    const completed = { taskId: 't1', occurredOn: '2026-12-08', reason: null };
    expect(decodeTaskEvent(stored('TaskCompleted', completed))).toEqual({ type: 'TaskCompleted', data: completed });
    const cancelled = { taskId: 't1', occurredOn: '2026-12-08', reason: sealed };
    expect(decodeTaskEvent(stored('TaskCancelled', cancelled))).toEqual({ type: 'TaskCancelled', data: cancelled });
  });

  it('refuses a kind outside the list and a missing field, naming the field, never a value', () => {
    const unknownKind = failureOf(() => decodeTaskEvent(stored('TaskPlanned', { ...planned, kind: 'bake_cake' })));
    expect(unknownKind.message).toContain('data.kind');
    expect(unknownKind.message).not.toContain('bake_cake');
    const { assigneeId: _, ...withoutAssignee } = planned;
    const missing = failureOf(() => decodeTaskEvent(stored('TaskPlanned', withoutAssignee)));
    expect(missing).toMatchObject({ streamId: 'caseTask-t1', revision: 2n, eventType: 'TaskPlanned' });
    expect(missing.message).toContain('data.assigneeId');
    expect(missing.message).not.toContain('secret-ciphertext');
  });

  it('reads a case note with its sealed text, and refuses one without', () => {
    const note = {
      noteId: 'n1',
      trajectoryId: 'j1',
      clientId: 'c1',
      organisationId: 'o1',
      authorId: 'sw-1',
      writtenAt: '2026-12-07T10:00:00.000Z',
      text: sealed,
    };
    expect(decodeCaseNoteEvent(stored('CaseNoteWritten', note))).toEqual({ type: 'CaseNoteWritten', data: note });
    const error = failureOf(() => decodeCaseNoteEvent(stored('CaseNoteWritten', { ...note, text: 'plain' })));
    expect(error.message).toContain('data.text');
    expect(error.message).not.toContain('plain');
  });
});
