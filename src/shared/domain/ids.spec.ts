import { isUuid, streamName } from './ids';

describe('stream names', () => {
  const id = '0b0f7c3e-6f1a-4c1e-9a7e-2f9d2c1b8a00';

  it('joins a camelCase category and a uuid with one dash', () => {
    expect(streamName('evictionCase', id)).toBe(`evictionCase-${id}`);
  });

  it('refuses categories with dashes and ids that are not uuids', () => {
    expect(() => streamName('eviction-case', id)).toThrow('camelCase');
    expect(() => streamName('client', '85073100123')).toThrow('UUID');
    expect(isUuid(id.toUpperCase())).toBe(false);
  });
});
