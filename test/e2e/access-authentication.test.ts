import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Controller, Get, Module } from '@nestjs/common';
import { SignJWT } from 'jose';
import { runTokenCommand } from '../../src/cli/token';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { CurrentUser, Roles } from '../../src/shared/auth/access.decorators';
import type { AuthenticatedUser } from '../../src/shared/auth/authenticated-user';
import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER } from '../../src/shared/auth/development-tokens';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader, bearer, HOME_ORGANISATION, TEST_AUTH_SECRET, testUserId, tokenFor } from '../support/auth';
import { testDatabaseKinds } from '../support/database';

/** Probes: who the token says the caller is, and a handler someone forgot to declare. */
@Controller('auth-probe')
class AuthProbeController {
  @Get('me')
  @Roles('social_worker', 'coordinator', 'analyst', 'volunteer', 'dpo', 'admin')
  me(@CurrentUser() user: AuthenticatedUser) {
    return user;
  }

  @Get('undeclared')
  undeclared() {
    return { secret: 'should never be served' };
  }
}

@Module({ controllers: [AuthProbeController] })
class AuthProbeModule {}

const ME = '/auth-probe/me';
const UNAUTHENTICATED = {
  type: 'urn:onthaal:problem:unauthenticated',
  title: 'Authentication required',
  status: 401,
  code: 'UNAUTHENTICATED',
  detail: 'Send a valid bearer token.',
};

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A token with the development issuer and audience but any other detail chosen by the test (`undefined` drops one). */
function signed(claims: Record<string, unknown>, options: { issuer?: string; audience?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const payload = Object.fromEntries(
    Object.entries({
      sub: 'user-1',
      org: HOME_ORGANISATION,
      roles: ['dpo'],
      iss: options.issuer ?? DEVELOPMENT_ISSUER,
      aud: options.audience ?? DEVELOPMENT_AUDIENCE,
      iat: now,
      exp: now + 600,
      ...claims,
    }).filter(([, value]) => value !== undefined),
  );
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(TEST_AUTH_SECRET));
}

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

async function tokenCommand(argv: string[], env: Record<string, string>) {
  const stdout = capture();
  const stderr = capture();
  const code = await runTokenCommand(argv, env, { stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text(), lastLine: stdout.text().trimEnd().split('\n').at(-1) };
}

describe.each(testDatabaseKinds())('development tokens on %s', (kind) => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ kind, extraModules: [AuthProbeModule] });
  });
  afterAll(() => service.dispose());

  const me = (headers: Record<string, string> = {}) => service.request({ method: 'GET', url: ME, headers });

  it('authenticates a valid token as the user, organisation and roles it names', async () => {
    const response = await me(await authHeader({ roles: ['social_worker', 'dpo'], name: 'Test Gebruiker' }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      userId: testUserId(['social_worker', 'dpo']),
      organisationId: HOME_ORGANISATION,
      roles: ['social_worker', 'dpo'],
      name: 'Test Gebruiker',
    });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers a call without a token with a 401 problem and a Bearer challenge', async () => {
    const response = await me();
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="onthaal"');
    expect(response.json()).toMatchObject(UNAUTHENTICATED);
  });

  it.each([
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['an empty bearer', 'Bearer '],
    ['two tokens', 'Bearer abc def'],
    ['a token that is no JWT', 'Bearer not-a-jwt'],
    ['an oversized token', `Bearer ${'a'.repeat(9000)}`],
  ])('refuses %s with 401', async (_name, authorization) => {
    const response = await me({ authorization });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject(UNAUTHENTICATED);
  });

  it('accepts the baseline token that each refusal below changes in one respect', async () => {
    expect((await me(bearer(await signed({})))).statusCode).toBe(200);
  });

  const now = Date.now();
  it.each<[string, () => Promise<string>]>([
    ['expired', () => tokenFor({ role: 'dpo', issuedAt: new Date(now - 2 * 3600_000), expiresInSeconds: 3600 })],
    ['not yet valid', () => tokenFor({ role: 'dpo', issuedAt: new Date(now + 3600_000) })],
    ['signed with another secret (forged)', () => tokenFor({ role: 'dpo', secret: 'x'.repeat(48) })],
    ['for another audience', () => signed({}, { audience: 'some-other-api' })],
    ['from another issuer', () => signed({}, { issuer: 'https://idp.example.org' })],
    ['without an expiry', () => signed({ exp: undefined })],
    ['with an unknown role', () => signed({ roles: ['dpo', 'superuser'] })],
    ['without roles', () => signed({ roles: [] })],
    ['without an organisation', () => signed({ org: undefined })],
    ['with an e-mail address as subject', () => signed({ sub: 'jan.peeters@example.org' })],
    [
      'with alg "none"',
      async () => {
        const claims = claimsOf(await tokenFor({ role: 'admin' }));
        return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
      },
    ],
    [
      'with a tampered payload (roles raised to admin)',
      async () => {
        const [header, , signature] = (await tokenFor({ role: 'volunteer' })).split('.');
        const claims = { ...claimsOf(await tokenFor({ role: 'volunteer' })), roles: ['admin'] };
        return `${header}.${base64url(claims)}.${signature}`;
      },
    ],
  ])('refuses a token %s with the same 401, saying nothing of why', async (_name, mint) => {
    const response = await me(bearer(await mint()));
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="onthaal", error="invalid_token"');
    const { instance: _instance, requestId: _requestId, ...problem } = response.json();
    expect(problem).toEqual(UNAUTHENTICATED);
  });

  it.each([
    ['an id no organisation has', '5b0c4a3e-2d1f-4e6a-9b8c-7d6e5f4a3b2c'],
    ['an id that is no UUID', 'ocmw-kortrijk'],
  ])('refuses a valid token naming %s with 403 naming the claim, not its value', async (_name, organisationId) => {
    const response = await me(await authHeader({ role: 'admin', organisationId }));
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      code: 'TOKEN_ORGANISATION_UNKNOWN',
      detail: "The token's `org` claim does not name an organisation registered here (GET /organisations lists them).",
    });
    expect(response.body).not.toContain(organisationId);
  });

  it('accepts a token issued a few seconds ahead of its clock (tolerance)', async () => {
    const response = await me(await authHeader({ role: 'dpo', issuedAt: new Date(Date.now() + 10_000) }));
    expect(response.statusCode).toBe(200);
  });

  it('refuses a handler that declares neither @Roles nor @Public, even to an admin', async () => {
    expect((await service.request({ method: 'GET', url: '/auth-probe/undeclared' })).statusCode).toBe(401);
    const response = await service.request({
      method: 'GET',
      url: '/auth-probe/undeclared',
      headers: await authHeader({ roles: ['admin', 'dpo', 'social_worker', 'coordinator', 'analyst', 'volunteer'] }),
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain('should never be served');
  });
});

describe('the token command and the generated development secret', () => {
  let service: TestApp;
  let config: AppConfig;

  beforeAll(async () => {
    // No AUTH_DEV_SECRET: the embedded default generates one under DATA_DIR.
    service = await startTestApp({ kind: 'pglite', extraModules: [AuthProbeModule], env: { AUTH_DEV_SECRET: '' } });
    config = service.app.get<AppConfig>(APP_CONFIG);
  });
  afterAll(() => service.dispose());

  it('mints a token the service accepts, alone on the last line, with the secret kept under DATA_DIR', async () => {
    const result = await tokenCommand(
      ['--role', 'social_worker', '--role', 'coordinator', '--org', HOME_ORGANISATION, '--sub', 'dev-user-1'],
      { DATA_DIR: config.dataDir },
    );
    expect(result.code).toBe(0);
    expect(result.lastLine).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const response = await service.request({ method: 'GET', url: ME, headers: bearer(result.lastLine!) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      userId: 'dev-user-1',
      organisationId: HOME_ORGANISATION,
      roles: ['social_worker', 'coordinator'],
    });
    const secretFile = await stat(join(config.dataDir, 'auth-dev-secret'));
    expect(secretFile.mode & 0o777).toBe(0o600);
  });

  it('mints tokens that a service with another secret refuses', async () => {
    const result = await tokenCommand(['--role', 'dpo', '--org', HOME_ORGANISATION], {
      AUTH_DEV_SECRET: TEST_AUTH_SECRET,
    });
    expect(result.code).toBe(0);
    const response = await service.request({ method: 'GET', url: ME, headers: bearer(result.lastLine!) });
    expect(response.statusCode).toBe(401);
  });

  it('refuses to mint when the configuration verifies an identity provider', async () => {
    const result = await tokenCommand(['--role', 'dpo', '--org', HOME_ORGANISATION], {
      AUTH_OIDC_ISSUER: 'https://idp.example.org/realms/w13',
      AUTH_OIDC_AUDIENCE: 'onthaal',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('development tokens');
  });

  it('refuses a PostgreSQL configuration without AUTH_DEV_SECRET, naming what to set', async () => {
    const result = await tokenCommand(['--role', 'dpo', '--org', HOME_ORGANISATION], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/onthaal',
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('AUTH_DEV_SECRET');
    expect(result.stdout).toBe('');
  });

  it('lists the organisations to choose from without --org, and takes one by its key', async () => {
    const withoutOrganisation = await tokenCommand(['--role', 'social_worker'], { DATA_DIR: config.dataDir });
    expect(withoutOrganisation.code).toBe(2);
    expect(withoutOrganisation.stderr).toContain('--org is required');
    expect(withoutOrganisation.stderr).toMatch(new RegExp(`ocmw-ledegem +${HOME_ORGANISATION} +OCMW Ledegem`));

    const byKey = await tokenCommand(['--role', 'social_worker', '--org', 'ocmw-ledegem'], {
      DATA_DIR: config.dataDir,
    });
    expect(byKey.code).toBe(0);
    const response = await service.request({ method: 'GET', url: ME, headers: bearer(byKey.lastLine!) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ organisationId: HOME_ORGANISATION });
  });

  it.each([
    [['--org', HOME_ORGANISATION], '--role is required'],
    [['--role', 'dpo', '--org', 'ocmw-nergenshuizen'], '--org must be an organisation id or the key of one below'],
    [['--role', 'dpo'], '--org is required'],
    [['--role', 'superuser', '--org', HOME_ORGANISATION], 'unknown role(s): superuser'],
    [['--role', 'dpo', '--org', HOME_ORGANISATION, '--sub', 'jan@example.org'], '--sub must be an opaque user id'],
    [['--role', 'dpo', '--org', HOME_ORGANISATION, '--colour', 'red'], "Unknown option '--colour'"],
  ])('answers bad arguments %j with usage and exit code 2', async (argv, message) => {
    const result = await tokenCommand(argv, { DATA_DIR: config.dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: npm run token');
    expect(result.stdout).toBe('');
  });
});
