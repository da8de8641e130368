import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';

// Rate limits, CORS and headers do not depend on the database: one kind is enough.
const kind = testDatabaseKinds().at(-1)!;
const ALLOWED_ORIGIN = 'https://onthaal.w13.example';

describe(`hardening (on ${kind})`, () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({
      kind,
      env: {
        RATE_LIMIT_PER_IP: '6',
        RATE_LIMIT_PER_USER: '3',
        RATE_LIMIT_WINDOW_SECONDS: '60',
        CORS_ORIGINS: `${ALLOWED_ORIGIN},http://localhost:5173`,
        // The load balancer in front of the service: its X-Forwarded-For names the client.
        TRUST_PROXY: '10.0.0.2',
      },
    });
  });
  afterAll(() => service.dispose());

  /** Each test calls from addresses of its own, so that the per-address counts do not mix. */
  const from = (remoteAddress: string, headers: Record<string, string> = {}) =>
    service.request({ method: 'GET', url: '/access-log?userId=someone', remoteAddress, headers });

  it('limits each user whatever their address, answering 429 problem details with Retry-After', async () => {
    const headers = await authHeader({ role: 'dpo', userId: 'rate-limited-user' });
    const statuses: number[] = [];
    // Spread over addresses: the user's limit (3), not an address's (6), must be what stops them.
    for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4']) {
      statuses.push((await from(address, headers)).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await service.request({
      method: 'GET',
      url: '/access-log?userId=x',
      remoteAddress: '192.0.2.5',
      headers,
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);

    // Another user is not held back by the first one's count.
    const other = await from('192.0.2.6', await authHeader({ role: 'dpo', userId: 'another-user' }));
    expect(other.statusCode).toBe(200);
  });

  it('limits each address before authentication, so that a flood of bad tokens is limited too', async () => {
    const statuses: number[] = [];
    for (let call = 0; call < 7; call += 1) {
      statuses.push((await from('198.51.100.7', { authorization: 'Bearer guessed.token.value' })).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
    // Public routes count too; another address is unaffected.
    expect((await service.request({ method: 'GET', url: '/health', remoteAddress: '198.51.100.7' })).statusCode).toBe(
      429,
    );
    expect((await service.request({ method: 'GET', url: '/health', remoteAddress: '198.51.100.8' })).statusCode).toBe(
      200,
    );
  });

  it('counts clients behind the trusted proxy by X-Forwarded-For, and ignores the header from anyone else', async () => {
    const viaProxy = (client: string) =>
      service.request({
        method: 'GET',
        url: '/health',
        remoteAddress: '10.0.0.2',
        headers: { 'x-forwarded-for': client },
      });
    for (let call = 0; call < 6; call += 1) expect((await viaProxy('203.0.113.10')).statusCode).toBe(200);
    expect((await viaProxy('203.0.113.10')).statusCode).toBe(429);
    expect((await viaProxy('203.0.113.11')).statusCode).toBe(200);

    const spoofing = (forwarded: string) =>
      service.request({
        method: 'GET',
        url: '/health',
        remoteAddress: '198.51.100.20',
        headers: { 'x-forwarded-for': forwarded },
      });
    const statuses: number[] = [];
    for (let call = 0; call < 7; call += 1) statuses.push((await spoofing(`203.0.113.${100 + call}`)).statusCode);
    expect(statuses.at(-1)).toBe(429);
  });

  it('answers a CORS preflight from a configured origin, and not from another', async () => {
    const preflight = (origin: string) =>
      service.request({
        method: 'OPTIONS',
        url: '/access-log',
        remoteAddress: '192.0.2.50',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('authorization');
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();

    const refused = await preflight('https://evil.example');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();

    const actual = await service.request({
      method: 'GET',
      url: '/health',
      remoteAddress: '192.0.2.51',
      headers: { origin: 'http://localhost:5173' },
    });
    expect(actual.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(String(actual.headers['access-control-expose-headers'])).toContain('x-request-id');
  });

  it('sends security headers on API responses, and no-store on authenticated ones', async () => {
    const response = await from('192.0.2.60', await authHeader({ role: 'dpo', userId: 'header-check' }));
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
      'referrer-policy': 'no-referrer',
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'cache-control': 'no-store',
    });
  });
});

describe(`CORS by default (on ${kind})`, () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ kind });
  });
  afterAll(() => service.dispose());

  it('sends no CORS headers when no origin is configured', async () => {
    const response = await service.request({
      method: 'GET',
      url: '/health',
      headers: { origin: 'https://onthaal.w13.example' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
