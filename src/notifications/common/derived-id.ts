import { createHash } from 'node:crypto';

/** A UUID-shaped id derived from its parts: the same parts give the same id, on every replica and every rebuild. */
export function derivedId(...parts: readonly string[]): string {
  const hash = createHash('sha256').update(parts.join('\u0000')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x80;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The reader id of a user: their inbox's reading stream is named by it, never by the user's own id. */
export function readerIdOf(userId: string): string {
  return derivedId('notification-reader', userId);
}
