import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATED_INDEX_KEY_FILE, GENERATED_KEK_FILE, resolvePersonalDataKeys } from './key-material';

describe('where the personal-data keys come from', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'onthaal-keys-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const development = { mode: 'development', secret: undefined, clockToleranceSeconds: 30 } as const;
  const none = { kek: undefined, previousKek: undefined, indexKey: undefined, kekRotationDays: 90 };

  it('uses configured keys as given', async () => {
    const kek = randomBytes(32);
    const previous = randomBytes(32);
    const index = randomBytes(32);
    const material = await resolvePersonalDataKeys({
      dataDir,
      auth: development,
      personalData: {
        kek: kek.toString('base64'),
        previousKek: previous.toString('base64'),
        indexKey: index.toString('base64'),
        kekRotationDays: 90,
      },
    });
    expect(material.kek.equals(kek)).toBe(true);
    expect(material.previousKek?.equals(previous)).toBe(true);
    expect(material.indexKey.equals(index)).toBe(true);
    expect([material.kekSource, material.indexKeySource]).toEqual(['configured', 'configured']);
  });

  it('derives distinct keys from AUTH_DEV_SECRET, the same on every replica', async () => {
    const auth = { ...development, secret: 'a-development-secret-of-at-least-32-chars' };
    const a = await resolvePersonalDataKeys({ dataDir, auth, personalData: none });
    const b = await resolvePersonalDataKeys({ dataDir: join(dataDir, 'elsewhere'), auth, personalData: none });
    expect(a.kek.equals(b.kek)).toBe(true);
    expect(a.kek.equals(a.indexKey)).toBe(false);
    expect(a.kekSource).toBe('derived from AUTH_DEV_SECRET');
    expect(a.kek.toString('utf8')).not.toContain(auth.secret);
  });

  it('generates keys once under DATA_DIR (mode 0600) and keeps them', async () => {
    const first = await resolvePersonalDataKeys({ dataDir, auth: development, personalData: none });
    const second = await resolvePersonalDataKeys({ dataDir, auth: development, personalData: none });
    expect(first.kek.equals(second.kek)).toBe(true);
    expect(first.indexKey.equals(second.indexKey)).toBe(true);
    expect(first.kek.equals(first.indexKey)).toBe(false);
    expect(first.kekSource).toBe('generated under DATA_DIR');
    expect((await stat(join(dataDir, GENERATED_KEK_FILE))).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(join(dataDir, GENERATED_INDEX_KEY_FILE), 'utf8')).trim(), 'base64')).toEqual(
      first.indexKey,
    );
  });

  it('narrows a key file found readable by others to mode 0600, keeping its key', async () => {
    const folder = join(dataDir, 'older-version');
    const first = await resolvePersonalDataKeys({ dataDir: folder, auth: development, personalData: none });
    for (const file of [GENERATED_KEK_FILE, GENERATED_INDEX_KEY_FILE]) await chmod(join(folder, file), 0o644);
    const second = await resolvePersonalDataKeys({ dataDir: folder, auth: development, personalData: none });
    expect(second.kek.equals(first.kek)).toBe(true);
    for (const file of [GENERATED_KEK_FILE, GENERATED_INDEX_KEY_FILE]) {
      expect((await stat(join(folder, file))).mode & 0o777).toBe(0o600);
    }
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
  });
});
