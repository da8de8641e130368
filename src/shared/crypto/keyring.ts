import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { PersonalDataUndecryptable, UnknownKeyEncryptionKey } from './crypto.errors';
import { DATA_KEY_BYTES } from './envelope';

/** A key-encryption key (KEK) and its id: a keyed fingerprint, stored next to each data key it wraps. */
export interface KeyEncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

export const KEY_ENCRYPTION_KEY_BYTES = 32;

/**
 * The KEK's id: an HMAC of a fixed label under the key itself. It tells keys apart and reveals nothing about them
 * (a plain hash of a key would be a needless oracle).
 */
export function keyEncryptionKey(material: Buffer): KeyEncryptionKey {
  if (material.length !== KEY_ENCRYPTION_KEY_BYTES) throw new Error('A key-encryption key is 32 bytes');
  const id = createHmac('sha256', material).update('onthaal:kek-id:v1').digest('hex').slice(0, 16);
  return { id, key: Buffer.from(material) };
}

/** A wrapped data key as stored: IV, tag and ciphertext in one value, and the id of the KEK that wrapped it. */
export interface WrappedDataKey {
  readonly wrapped: Buffer;
  readonly kekId: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

function wrapAad(subjectId: string): Buffer {
  // The wrapped key belongs to one subject: a row copied onto another subject does not unwrap.
  return Buffer.from(`onthaal:dek:v1\u0000${subjectId}`, 'utf8');
}

/**
 * The key-encryption keys this process holds: the current one wraps every new data key; the previous one, during a
 * rotation, still unwraps the keys not yet rewrapped (docs/privacy.md).
 */
export class Keyring {
  readonly current: KeyEncryptionKey;
  readonly previous: KeyEncryptionKey | undefined;

  constructor(current: KeyEncryptionKey, previous?: KeyEncryptionKey) {
    if (previous !== undefined && previous.id === current.id) {
      throw new Error('The previous key-encryption key is the current one');
    }
    this.current = current;
    this.previous = previous;
  }

  /** A fresh random data key. */
  static newDataKey(): Buffer {
    return randomBytes(DATA_KEY_BYTES);
  }

  knows(kekId: string): boolean {
    return kekId === this.current.id || kekId === this.previous?.id;
  }

  wrap(subjectId: string, dataKey: Buffer): WrappedDataKey {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(wrapAad(subjectId));
    const ct = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { wrapped: Buffer.concat([iv, cipher.getAuthTag(), ct]), kekId: this.current.id };
  }

  unwrap(subjectId: string, stored: WrappedDataKey): Buffer {
    const kek =
      stored.kekId === this.current.id ? this.current : stored.kekId === this.previous?.id ? this.previous : undefined;
    if (kek === undefined) throw new UnknownKeyEncryptionKey(stored.kekId);
    try {
      const iv = stored.wrapped.subarray(0, IV_BYTES);
      const tag = stored.wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', kek.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(wrapAad(subjectId));
      decipher.setAuthTag(tag);
      const dataKey = Buffer.concat([decipher.update(stored.wrapped.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      if (dataKey.length !== DATA_KEY_BYTES) throw new Error('wrong length');
      return dataKey;
    } catch {
      throw new PersonalDataUndecryptable(subjectId);
    }
  }
}
