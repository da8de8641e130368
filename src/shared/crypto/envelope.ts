import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { JsonValue } from '../event-store';
import { PersonalDataUndecryptable } from './crypto.errors';

/**
 * A value sealed with a subject's data key, as it travels inside events and read models: AES-256-GCM, a fresh
 * 96-bit IV per seal, the 128-bit tag kept apart. `kid` names the data key (the subject's id), so a reader knows
 * whose key opens it without decrypting anything. Base64url strings keep it valid JSON for every store.
 */
export interface SealedEnvelope {
  /** Format version: what the additional authenticated data and the layout are. */
  readonly v: 1;
  readonly kid: string;
  readonly iv: string;
  readonly ct: string;
  readonly tag: string;
}

/** The JSON shape that stands in for personal data: `{ "$pii": { v, kid, iv, ct, tag } }`. */
export interface Sealed {
  readonly $pii: SealedEnvelope;
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

/**
 * Binds a ciphertext to its subject and to the field it was sealed for (`context`): a sealed address copied into
 * another person's event, or into the name field, fails to open instead of being read as theirs.
 */
function additionalData(kid: string, context: string): Buffer {
  return Buffer.from(`onthaal:pii:v1\u0000${kid}\u0000${context}`, 'utf8');
}

export function seal(key: Buffer, kid: string, context: string, value: JsonValue): Sealed {
  if (key.length !== DATA_KEY_BYTES) throw new Error('A data key is 32 bytes');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(kid, context));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return {
    $pii: {
      v: 1,
      kid,
      iv: iv.toString('base64url'),
      ct: ct.toString('base64url'),
      tag: cipher.getAuthTag().toString('base64url'),
    },
  };
}

/** Opens a sealed value; throws `PersonalDataUndecryptable` when anything about it is not as sealed. */
export function open(key: Buffer, sealed: Sealed, context: string): JsonValue {
  const envelope = sealed.$pii;
  try {
    const iv = Buffer.from(envelope.iv, 'base64url');
    const tag = Buffer.from(envelope.tag, 'base64url');
    if (envelope.v !== 1 || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('malformed');
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(envelope.kid, context));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(envelope.ct, 'base64url')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as JsonValue;
  } catch {
    // Whatever failed (tag, key, layout), the caller learns only that it cannot be read: no oracle, no data.
    throw new PersonalDataUndecryptable(String(envelope.kid));
  }
}

export function isSealed(value: unknown): value is Sealed {
  if (typeof value !== 'object' || value === null || !('$pii' in value)) return false;
  const envelope = value.$pii;
  if (typeof envelope !== 'object' || envelope === null) return false;
  const fields = envelope as Record<string, unknown>;
  return (
    fields.v === 1 &&
    typeof fields.kid === 'string' &&
    typeof fields.iv === 'string' &&
    typeof fields.ct === 'string' &&
    typeof fields.tag === 'string'
  );
}
