import { randomBytes } from 'node:crypto';
import { PersonalDataUndecryptable } from './crypto.errors';
import { isSealed, open, seal, type Sealed } from './envelope';

const SUBJECT = '0d3b1f8e-5c2a-4e7b-9a61-2f4c8d9e1a01';
const OTHER = '0d3b1f8e-5c2a-4e7b-9a61-2f4c8d9e1a02';
const PERSON = { givenName: 'Amélie', insz: '85073003328' };

/** Flips one bit of a base64url field. */
function flip(sealed: Sealed, field: 'iv' | 'ct' | 'tag'): Sealed {
  const bytes = Buffer.from(sealed.$pii[field], 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  return { $pii: { ...sealed.$pii, [field]: bytes.toString('base64url') } };
}

describe('sealed personal data (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and shows nothing of it', () => {
    const sealed = seal(key, SUBJECT, 'client.personalData', PERSON);
    expect(isSealed(sealed)).toBe(true);
    expect(JSON.stringify(sealed)).not.toMatch(/Amélie|85073003328|givenName/);
    expect(open(key, sealed, 'client.personalData')).toEqual(PERSON);
  });

  it('seals the same value differently every time (a fresh IV)', () => {
    const a = seal(key, SUBJECT, 'client.personalData', PERSON);
    const b = seal(key, SUBJECT, 'client.personalData', PERSON);
    expect(a.$pii.iv).not.toBe(b.$pii.iv);
    expect(a.$pii.ct).not.toBe(b.$pii.ct);
  });

  it.each(['iv', 'ct', 'tag'] as const)('refuses a value whose %s was tampered with', (field) => {
    const sealed = seal(key, SUBJECT, 'client.personalData', PERSON);
    expect(() => open(key, flip(sealed, field), 'client.personalData')).toThrow(PersonalDataUndecryptable);
  });

  it('refuses to open with the wrong key', () => {
    const sealed = seal(key, SUBJECT, 'client.personalData', PERSON);
    expect(() => open(randomBytes(32), sealed, 'client.personalData')).toThrow(PersonalDataUndecryptable);
  });

  it('refuses a value moved to another subject or another field', () => {
    const sealed = seal(key, SUBJECT, 'client.personalData', PERSON);
    expect(() => open(key, { $pii: { ...sealed.$pii, kid: OTHER } }, 'client.personalData')).toThrow(
      PersonalDataUndecryptable,
    );
    expect(() => open(key, sealed, 'client.address')).toThrow(PersonalDataUndecryptable);
  });

  it('refuses malformed envelopes with the same error, naming only the subject', () => {
    const sealed = seal(key, SUBJECT, 'client.personalData', PERSON);
    const truncated = { $pii: { ...sealed.$pii, tag: sealed.$pii.tag.slice(0, 8) } };
    let error: unknown;
    try {
      open(key, truncated, 'client.personalData');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PersonalDataUndecryptable);
    expect((error as Error).message).toContain(SUBJECT);
    expect((error as Error).message).not.toContain(sealed.$pii.ct);
  });

  it('recognises sealed values only in their exact shape', () => {
    expect(isSealed({ $pii: { v: 1, kid: SUBJECT, iv: 'a', ct: 'b', tag: 'c' } })).toBe(true);
    expect(isSealed({ $pii: { v: 2, kid: SUBJECT, iv: 'a', ct: 'b', tag: 'c' } })).toBe(false);
    expect(isSealed({ givenName: 'Amélie' })).toBe(false);
    expect(isSealed(null)).toBe(false);
  });
});
