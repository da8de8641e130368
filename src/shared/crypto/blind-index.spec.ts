import { randomBytes } from 'node:crypto';
import { BlindIndex } from './blind-index';

describe('blind indexes (keyed hashes)', () => {
  const key = randomBytes(32);

  it('gives the same hash for the same value, and never the value', () => {
    const index = new BlindIndex(key);
    expect(index.of('client.insz', '85073003328')).toBe(
      new BlindIndex(Buffer.from(key)).of('client.insz', '85073003328'),
    );
    expect(index.of('client.insz', '85073003328')).not.toContain('85073003328');
    expect(index.of('client.insz', '85073003328')).not.toBe(index.of('client.insz', '85073003329'));
  });

  it('separates purposes and keys', () => {
    const index = new BlindIndex(key);
    expect(index.of('client.insz', 'x')).not.toBe(index.of('client.nameAndBirthDate', 'x'));
    expect(index.of('client.insz', 'x')).not.toBe(new BlindIndex(randomBytes(32)).of('client.insz', 'x'));
  });

  it('wants a 32-byte key', () => {
    expect(() => new BlindIndex(randomBytes(31))).toThrow('32 bytes');
  });
});
