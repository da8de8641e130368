import { randomBytes, randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { runKeyRotation } from '../../../src/cli/personal-data-keys-rotate';
import {
  keyEncryptionKey,
  Keyring,
  PersonalDataKeys,
  PersonalDataKeys1764547200000,
  PersonalDataKekGenerations1765065600023,
  kekGenerations,
  recordKekGeneration,
  PersonalDataShredded,
  PersonalDataUndecryptable,
  rowsOf,
  UnknownKeyEncryptionKey,
} from '../../../src/shared/crypto';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '../../support/database';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { output: { stdout, stderr }, text: () => ({ out, err }) };
}

describe.each(testDatabaseKinds())('personal-data keys in %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({
      kind,
      migrations: [PersonalDataKeys1764547200000, PersonalDataKekGenerations1765065600023],
    });
  });
  afterAll(() => db.dispose());

  it('makes one key per subject, even when two writers ask at once', async () => {
    const keys = new PersonalDataKeys(new Keyring(keyEncryptionKey(randomBytes(32))));
    const subject = randomUUID();
    const [a, b] = await Promise.all([
      keys.forSubject(db.dataSource, subject),
      keys.forSubject(db.dataSource, subject),
    ]);
    const sealed = a.seal('test.field', { name: 'Amélie' });
    expect(b.open('test.field', sealed)).toEqual({ name: 'Amélie' });
    const rows = rowsOf<{ subject_id: string }>(
      await db.dataSource.query('SELECT subject_id FROM personal_data_keys WHERE subject_id = $1', [subject]),
    );
    expect(rows).toHaveLength(1);
    // The key opens nothing of another subject.
    const other = await keys.forSubject(db.dataSource, randomUUID());
    expect(() => other.open('test.field', sealed)).toThrow(PersonalDataUndecryptable);
  });

  it('destroys a key for good: nothing opens any more, and no new key is ever made for that subject', async () => {
    const keys = new PersonalDataKeys(new Keyring(keyEncryptionKey(randomBytes(32))));
    const subject = randomUUID();
    await keys.forSubject(db.dataSource, subject);
    expect(await keys.shred(db.dataSource, [subject])).toBe(1);
    expect(await keys.shred(db.dataSource, [subject])).toBe(0);
    expect(await keys.find(db.dataSource, subject)).toBeUndefined();
    await expect(keys.forSubject(db.dataSource, subject)).rejects.toThrow(PersonalDataShredded);
    expect(await keys.status(db.dataSource, subject)).toMatchObject({ state: 'shredded' });
    // A subject that never had a key is tombstoned too.
    const never = randomUUID();
    await keys.shred(db.dataSource, [never]);
    await expect(keys.forSubject(db.dataSource, never)).rejects.toThrow(PersonalDataShredded);
  });

  it('rotates the key-encryption key: every data key rewrapped, every sealed value still opens', async () => {
    await db.dataSource.query('DELETE FROM personal_data_keys');
    const oldKek = keyEncryptionKey(randomBytes(32));
    const newKek = keyEncryptionKey(randomBytes(32));
    const before = new PersonalDataKeys(new Keyring(oldKek));
    const subjects = Array.from({ length: 7 }, () => randomUUID());
    const sealed = new Map<string, ReturnType<Awaited<ReturnType<PersonalDataKeys['forSubject']>>['seal']>>();
    for (const subject of subjects) {
      sealed.set(subject, (await before.forSubject(db.dataSource, subject)).seal('test.field', subject));
    }
    const destroyed = subjects[6]!;
    await before.shred(db.dataSource, [destroyed]);

    // Without the previous KEK, the command cannot rewrap, and says so.
    const blind = capture();
    expect(
      await runKeyRotation(
        { dataSource: db.dataSource, keys: new PersonalDataKeys(new Keyring(newKek)) },
        blind.output,
      ),
    ).toBe(1);
    expect(blind.text().err).toContain('6 data key(s) are wrapped by a KEK this run was not given');

    await recordKekGeneration(db.dataSource, oldKek.id);
    const run = capture();
    const rotating = new PersonalDataKeys(new Keyring(newKek, oldKek));
    expect(await runKeyRotation({ dataSource: db.dataSource, keys: rotating }, run.output)).toBe(0);
    expect(run.text().out).toContain('Rewrapped 6 data key(s)');
    expect(run.text().out).toContain(`6 wrapped by ${newKek.id} (current)`);
    // The generations: the old KEK retired today (it may be destroyed once the backups of before today expired).
    const today = new Date().toISOString().slice(0, 10);
    expect(run.text().out).toContain(`KEK ${newKek.id}: first used ${today}, current`);
    expect(run.text().out).toContain(`KEK ${oldKek.id}: first used `);
    expect(run.text().out).toMatch(new RegExp(`KEK ${oldKek.id}: first used [0-9-]+, retired ${today}: destroy it`));
    const generations = await kekGenerations(db.dataSource);
    expect(generations.find((generation) => generation.kekId === oldKek.id)).toMatchObject({ keys: 0 });
    expect(generations.find((generation) => generation.kekId === oldKek.id)?.retiredAt).toBeInstanceOf(Date);
    expect(generations.find((generation) => generation.kekId === newKek.id)).toMatchObject({
      keys: 6,
      retiredAt: null,
      ageDays: 0,
    });

    const after = new PersonalDataKeys(new Keyring(newKek));
    for (const subject of subjects.slice(0, 6)) {
      expect((await after.find(db.dataSource, subject))!.open('test.field', sealed.get(subject)!)).toBe(subject);
    }
    expect(await after.find(db.dataSource, destroyed)).toBeUndefined();
    await expect(before.find(db.dataSource, subjects[0]!)).rejects.toThrow(UnknownKeyEncryptionKey);

    const again = capture();
    expect(await runKeyRotation({ dataSource: db.dataSource, keys: rotating }, again.output)).toBe(0);
    expect(again.text().out).toContain('Rewrapped 0 data key(s)');
  });
});
