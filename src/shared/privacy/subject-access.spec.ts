import { DataKey, Keyring } from '../crypto';
import type { RecordedEvent } from '../event-store';
import type { SubjectAccessSection } from './subject-access';
import { openedValue, openerFor, subjectAccessEventView, subjectAccessRowView } from './subject-access';
import { SubjectAccessSections } from './subject-access-sections';

describe('subject access helpers', () => {
  const subjectId = '3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11';
  // A data key made here, not through the key table: the helpers only need one to open with.
  const key = new DataKey(subjectId, Keyring.newDataKey());
  const fields = { note: 'test.note', description: 'test.description' };
  const open = openerFor(key);

  it('opens every listed sealed field, at any depth, under its own context', () => {
    const value = {
      note: key.seal('test.note', 'Belt liever na drie uur.'),
      needs: [{ needId: 'n1', description: key.seal('test.description', 'Schulden') }, { description: null }],
      at: new Date('2026-01-02T03:04:05Z'),
      revision: 7n,
    };
    expect(openedValue(value, fields, open)).toEqual({
      note: 'Belt liever na drie uur.',
      needs: [{ needId: 'n1', description: 'Schulden' }, { description: null }],
      at: new Date('2026-01-02T03:04:05Z'),
      revision: '7',
    });
  });

  it('leaves a sealed value under an unlisted field sealed, and opens nothing by a prototype name', () => {
    const sealed = key.seal('test.other', 'geheim');
    expect(openedValue({ other: sealed, constructor: sealed }, fields, open)).toEqual({
      other: sealed,
      constructor: sealed,
    });
  });

  it('refuses a value sealed under another context (the context is bound to the ciphertext)', () => {
    expect(() => openedValue({ note: key.seal('test.description', 'x') }, fields, open)).toThrow();
  });

  it('shows sealed values as unreadable once there is no key', () => {
    const value = { note: key.seal('test.note', 'x'), description: null };
    expect(openedValue(value, fields, openerFor(undefined))).toEqual({
      note: { sealed: true, readable: false },
      description: null,
    });
  });

  it("views an event with its metadata, and a row without the projection's positions", () => {
    const event: RecordedEvent = {
      id: 'e1',
      streamId: `test-${subjectId}`,
      type: 'NoteWritten',
      revision: 2n,
      position: { commit: 10n, prepare: 10n },
      data: { note: key.seal('test.note', 'Hallo') as never },
      metadata: { occurredAt: '2026-01-02T00:00:00.000Z', actorId: 'u1', organisationId: 'o1', correlationId: 7 },
      created: new Date('2026-01-03T00:00:00Z'),
    };
    expect(subjectAccessEventView(event, fields, open)).toEqual({
      revision: 2,
      type: 'NoteWritten',
      recordedAt: '2026-01-03T00:00:00.000Z',
      occurredAt: '2026-01-02T00:00:00.000Z',
      actorId: 'u1',
      organisationId: 'o1',
      data: { note: 'Hallo' },
    });
    expect(
      subjectAccessRowView({ id: 'r1', lastAppliedCommit: 1n, lastAppliedPrepare: 1n, revision: 3n }, fields, open),
    ).toEqual({ id: 'r1', revision: '3' });
  });
});

describe('the subject-access registry', () => {
  const section = (name: string): SubjectAccessSection => ({
    name,
    report: () => Promise.resolve({ streams: [], readModels: {} }),
  });

  it('lists the sections by name and refuses a name twice', () => {
    const sections = new SubjectAccessSections();
    sections.register(section('referral'));
    sections.register(section('intake'));
    expect(sections.all().map((registered) => registered.name)).toEqual(['intake', 'referral']);
    expect(() => sections.register(section('intake'))).toThrow('registered twice');
  });
});
