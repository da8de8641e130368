import { hkdfSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AppConfig } from '../../config/app-config';
import { BLIND_INDEX_KEY_BYTES } from './blind-index';
import { KEY_ENCRYPTION_KEY_BYTES } from './keyring';
import { readOrCreateSecretFile } from './secret-file';

/** Files under `DATA_DIR` holding generated development keys (base64, mode 0600), next to the embedded database. */
export const GENERATED_KEK_FILE = 'personal-data-kek';
export const GENERATED_INDEX_KEY_FILE = 'personal-data-index-key';

/** Where a key came from: only `configured` is fit for real data. */
export type KeySource = 'configured' | 'derived from AUTH_DEV_SECRET' | 'generated under DATA_DIR';

export interface PersonalDataKeyMaterial {
  readonly kek: Buffer;
  readonly previousKek: Buffer | undefined;
  readonly indexKey: Buffer;
  readonly kekSource: KeySource;
  readonly indexKeySource: KeySource;
}

/**
 * The keys of personal data, by the rules of docs/adr/0012-personal-data-encryption.md:
 * 1. `PERSONAL_DATA_KEK` / `PERSONAL_DATA_INDEX_KEY` when set (required with `NODE_ENV=production`, see app-config);
 * 2. otherwise, with a configured development secret (`AUTH_DEV_SECRET`: docker compose, CI, shared development),
 *    derived from it with HKDF, so that every replica and every command-line tool agree without more configuration;
 * 3. otherwise (the embedded default) generated once under `DATA_DIR`, like the development token secret.
 */
export async function resolvePersonalDataKeys(
  config: Pick<AppConfig, 'personalData' | 'auth' | 'dataDir'>,
): Promise<PersonalDataKeyMaterial> {
  const devSecret = config.auth.mode === 'development' ? config.auth.secret : undefined;
  const kek = await keyOf(
    config.personalData.kek,
    devSecret,
    'onthaal:personal-data-kek',
    config.dataDir,
    GENERATED_KEK_FILE,
    KEY_ENCRYPTION_KEY_BYTES,
  );
  const indexKey = await keyOf(
    config.personalData.indexKey,
    devSecret,
    'onthaal:personal-data-index-key',
    config.dataDir,
    GENERATED_INDEX_KEY_FILE,
    BLIND_INDEX_KEY_BYTES,
  );
  return {
    kek: kek.key,
    previousKek: config.personalData.previousKek === undefined ? undefined : decode(config.personalData.previousKek),
    indexKey: indexKey.key,
    kekSource: kek.source,
    indexKeySource: indexKey.source,
  };
}

async function keyOf(
  configured: string | undefined,
  devSecret: string | undefined,
  label: string,
  dataDir: string,
  file: string,
  bytes: number,
): Promise<{ key: Buffer; source: KeySource }> {
  if (configured !== undefined) return { key: decode(configured), source: 'configured' };
  if (devSecret !== undefined) {
    return {
      key: Buffer.from(hkdfSync('sha256', devSecret, 'onthaal', label, bytes)),
      source: 'derived from AUTH_DEV_SECRET',
    };
  }
  return { key: await generatedKey(dataDir, file, bytes), source: 'generated under DATA_DIR' };
}

/** Created once, readable by the service's user only (mode 0600, also fixed on files made by older versions). */
async function generatedKey(dataDir: string, file: string, bytes: number): Promise<Buffer> {
  const content = await readOrCreateSecretFile(dataDir, file, () => randomBytes(bytes).toString('base64'));
  const key = Buffer.from(content, 'base64');
  if (key.length !== bytes) {
    throw new Error(`${join(dataDir, file)} does not hold a ${bytes}-byte key; restore it from a backup`);
  }
  return key;
}

function decode(base64: string): Buffer {
  return Buffer.from(base64, 'base64');
}
