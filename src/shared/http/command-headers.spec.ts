import { canonicalJson, etagOf, parseIdempotencyKey, parseIfMatch, requestDigest } from './command-headers';
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

  it('digests a command request by method, route, parameters, body with its keys in any order, and If-Match', () => {
    const request = {
      method: 'POST',
      routeOptions: { url: '/clients/:clientId/moves' },
      params: { clientId: 'c1' },
      body: { municipalityId: 'm1', effectiveDate: '2026-01-02', address: { street: 'Markt', number: '1' } },
      headers: {},
    };
    const digest = requestDigest(request);
    const reordered = { effectiveDate: '2026-01-02', address: { number: '1', street: 'Markt' }, municipalityId: 'm1' };
    expect(requestDigest({ ...request, body: reordered })).toBe(digest);
    expect(canonicalJson(reordered)).toBe(canonicalJson(request.body));
    for (const other of [
      { ...request, method: 'PUT' },
      { ...request, routeOptions: { url: '/clients/:clientId/consents' } },
      { ...request, params: { clientId: 'c2' } },
      { ...request, body: { ...request.body, effectiveDate: '2026-01-03' } },
      { ...request, headers: { 'if-match': '"3"' } },
    ]) {
      expect(requestDigest(other)).not.toBe(digest);
    }
  });
});
