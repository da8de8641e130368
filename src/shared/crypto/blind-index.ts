import { createHmac } from 'node:crypto';

export const BLIND_INDEX_KEY_BYTES = 32;

/**
 * Keyed hashes for finding personal data without storing it: HMAC-SHA-256 under a key of its own (never the KEK),
 * separated by purpose so that the same value gives unrelated hashes in different indexes. Without the key a
 * hash cannot be tested against guesses, which matters for low-entropy values such as a national register number.
 */
export class BlindIndex {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== BLIND_INDEX_KEY_BYTES) throw new Error('A blind-index key is 32 bytes');
    this.key = Buffer.from(key);
  }

  /** `purpose` names the index (`client.insz`); `value` must already be normalised by the caller. */
  of(purpose: string, value: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\u0000${value}`, 'utf8').digest('base64url');
  }
}
