import { createHash } from 'node:crypto';

/** Namespace of the ids derived from data-file keys (a fixed, random UUID). */
const NAMESPACE = Buffer.from('4a9d3c2e7b1f4e0a9c6d2b8e5f3a1c7d', 'hex');

/**
 * The id of a reference-data entry loaded from a data file: a name-based UUID (version 5, RFC 9562) of its kind and
 * key. Every replica and every run derives the same id, which is what makes loading the defaults idempotent.
 */
export function referenceDataId(kind: string, key: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(`${kind}:${key}`, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
