import { randomBytes } from 'node:crypto';
import { PersonalDataUndecryptable, UnknownKeyEncryptionKey } from './crypto.errors';
import { keyEncryptionKey, Keyring } from './keyring';

const SUBJECT = '0d3b1f8e-5c2a-4e7b-9a61-2f4c8d9e1a01';

describe('the keyring (data keys wrapped by the key-encryption key)', () => {
  const oldKek = keyEncryptionKey(randomBytes(32));
  const newKek = keyEncryptionKey(randomBytes(32));

  it('unwraps what it wrapped, for the same subject only', () => {
    const keyring = new Keyring(newKek);
    const dataKey = Keyring.newDataKey();
    const wrapped = keyring.wrap(SUBJECT, dataKey);
    expect(wrapped.kekId).toBe(newKek.id);
    expect(wrapped.wrapped.includes(dataKey)).toBe(false);
    expect(keyring.unwrap(SUBJECT, wrapped).equals(dataKey)).toBe(true);
    expect(() => keyring.unwrap('0d3b1f8e-5c2a-4e7b-9a61-2f4c8d9e1a02', wrapped)).toThrow(PersonalDataUndecryptable);
  });

  it('refuses a tampered wrapped key', () => {
    const keyring = new Keyring(newKek);
    const wrapped = keyring.wrap(SUBJECT, Keyring.newDataKey());
    const tampered = Buffer.from(wrapped.wrapped);
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 0x80;
    expect(() => keyring.unwrap(SUBJECT, { ...wrapped, wrapped: tampered })).toThrow(PersonalDataUndecryptable);
  });

  it('refuses a key wrapped by a KEK it does not hold, and a wrong KEK posing under its id', () => {
    const wrapped = new Keyring(oldKek).wrap(SUBJECT, Keyring.newDataKey());
    expect(() => new Keyring(newKek).unwrap(SUBJECT, wrapped)).toThrow(UnknownKeyEncryptionKey);
    const impostor = new Keyring({ id: oldKek.id, key: randomBytes(32) });
    expect(() => impostor.unwrap(SUBJECT, wrapped)).toThrow(PersonalDataUndecryptable);
  });

  it('during a rotation, unwraps with the previous KEK and wraps with the new one', () => {
    const dataKey = Keyring.newDataKey();
    const wrappedByOld = new Keyring(oldKek).wrap(SUBJECT, dataKey);
    const rotating = new Keyring(newKek, oldKek);
    expect(rotating.unwrap(SUBJECT, wrappedByOld).equals(dataKey)).toBe(true);
    expect(rotating.wrap(SUBJECT, dataKey).kekId).toBe(newKek.id);
    expect(() => new Keyring(newKek, newKek)).toThrow('previous key-encryption key is the current one');
  });

  it('names a KEK by a fingerprint that is stable and not the key', () => {
    const material = randomBytes(32);
    expect(keyEncryptionKey(material).id).toBe(keyEncryptionKey(Buffer.from(material)).id);
    expect(keyEncryptionKey(material).id).toMatch(/^[0-9a-f]{16}$/);
    expect(material.toString('hex')).not.toContain(keyEncryptionKey(material).id);
    expect(() => keyEncryptionKey(randomBytes(16))).toThrow('32 bytes');
  });
});
