import { etagOf, parseIdempotencyKey, parseIfMatch } from './command-headers';
import { ProblemException } from './problem-details';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof ProblemException ? error.code : 'other';
  }
  return undefined;
}

describe('command headers', () => {
  it('reads If-Match as the revision its ETag carries', () => {
    expect(parseIfMatch(etagOf(7n))).toBe(7n);
    expect(parseIfMatch('W/"0"')).toBe(0n);
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it('refuses an If-Match that is not one revision ETag', () => {
    for (const header of ['7', '"seven"', '*', '"1", "2"', '"-1"', '"99999999999999999999"']) {
      expect(codeOf(() => parseIfMatch(header))).toBe('INVALID_IF_MATCH');
    }
  });

  it('accepts idempotency keys of 8 to 200 visible ASCII characters only', () => {
    expect(parseIdempotencyKey('0b0f7c3e-6f1a-4c1e-9a7e-2f9d2c1b8a00')).toBe('0b0f7c3e-6f1a-4c1e-9a7e-2f9d2c1b8a00');
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    for (const key of ['short', 'with space inside', 'é'.repeat(10), 'x'.repeat(201)]) {
      expect(codeOf(() => parseIdempotencyKey(key))).toBe('INVALID_IDEMPOTENCY_KEY');
    }
    expect(codeOf(() => parseIdempotencyKey(['key-00000001', 'key-00000002']))).toBe('INVALID_IDEMPOTENCY_KEY');
  });
});
