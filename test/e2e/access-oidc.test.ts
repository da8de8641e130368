import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module } from '@nestjs/common';
import { exportJWK, exportSPKI, generateKeyPair, type JWK, SignJWT } from 'jose';
import { CurrentUser, Roles } from '../../src/shared/auth/access.decorators';
import type { AuthenticatedUser } from '../../src/shared/auth/authenticated-user';
import { startTestApp, type TestApp } from '../support/app';
import { bearer, HOME_ORGANISATION, tokenFor } from '../support/auth';
import { testDatabaseKinds } from '../support/database';

@Controller('oidc-probe')
class OidcProbeController {
  @Get('me')
  @Roles('social_worker', 'dpo')
  me(@CurrentUser() user: AuthenticatedUser) {
    return user;
  }
}

@Module({ controllers: [OidcProbeController] })
class OidcProbeModule {}

const AUDIENCE = 'onthaal-api';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

/** A stand-in identity provider on 127.0.0.1: its discovery document and its JSON Web Key Set, nothing mocked. */
class LocalIdentityProvider {
  private server!: Server;
  issuer = '';
  keys: JWK[] = [];
  jwksRequests = 0;
  /** What the discovery document claims as issuer (a misconfigured provider names another). */
  discoveryIssuer: string | undefined;
  /** Faults: drop the connection of a discovery request; answer the key set with this status. */
  dropDiscovery = false;
  jwksStatus = 200;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      if (request.url === '/.well-known/openid-configuration') {
        if (this.dropDiscovery) {
          request.socket.destroy();
          return;
        }
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({ issuer: this.discoveryIssuer ?? this.issuer, jwks_uri: `${this.issuer}/protocol/certs` }),
        );
      } else if (request.url === '/protocol/certs') {
        this.jwksRequests += 1;
        response.statusCode = this.jwksStatus;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(this.jwksStatus === 200 ? { keys: this.keys } : { error: 'unavailable' }));
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function publish(provider: LocalIdentityProvider, kid: string, pair: KeyPair, alg: string): Promise<void> {
  provider.keys.push({ ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' });
}

interface Signing {
  readonly key: KeyPair['privateKey'] | Uint8Array;
  readonly alg: string;
  readonly kid?: string;
}

function accessToken(signing: Signing, issuer: string, claims: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ org: HOME_ORGANISATION, roles: ['social_worker'], ...claims })
    .setProtectedHeader({ alg: signing.alg, typ: 'at+jwt', ...(signing.kid ? { kid: signing.kid } : {}) })
    .setSubject('f3a1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b')
    .setIssuer(issuer)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(typeof claims.exp === 'number' ? claims.exp : now + 300)
    .sign(signing.key);
}

// The identity provider is the subject here, not the database: one kind is enough.
const kind = testDatabaseKinds().at(-1)!;

describe(`OIDC tokens verified against a JWKS (on ${kind})`, () => {
  const provider = new LocalIdentityProvider();
  let service: TestApp;
  let rsa: KeyPair;
  let ec: KeyPair;
  let rs512: KeyPair;

  beforeAll(async () => {
    await provider.start();
    rsa = await generateKeyPair('RS256');
    ec = await generateKeyPair('ES256');
    rs512 = await generateKeyPair('RS512');
    await publish(provider, 'rsa-1', rsa, 'RS256');
    await publish(provider, 'ec-1', ec, 'ES256');
    // Published, so that a refusal can only be for its algorithm.
    await publish(provider, 'rsa-512', rs512, 'RS512');
    // The JWKS URL is found through discovery.
    service = await startTestApp({
      kind,
      extraModules: [OidcProbeModule],
      env: { AUTH_DEV_SECRET: '', AUTH_OIDC_ISSUER: provider.issuer, AUTH_OIDC_AUDIENCE: AUDIENCE },
    });
  });
  afterAll(async () => {
    await service?.dispose();
    await provider.stop();
  });

  const me = (token: string) => service.request({ method: 'GET', url: '/oidc-probe/me', headers: bearer(token) });

  it.each([
    ['RS256', () => ({ key: rsa.privateKey, alg: 'RS256', kid: 'rsa-1' })],
    ['ES256', () => ({ key: ec.privateKey, alg: 'ES256', kid: 'ec-1' })],
  ])('accepts a %s token of the issuer, for the audience', async (_alg, signing) => {
    const response = await me(await accessToken(signing(), provider.issuer, { roles: ['dpo'] }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      userId: 'f3a1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b',
      organisationId: HOME_ORGANISATION,
      roles: ['dpo'],
    });
  });

  it('fetched the key set once, not once per request', () => {
    expect(provider.jwksRequests).toBe(1);
  });

  it.each<[string, () => Promise<string>]>([
    [
      'from another issuer',
      () => accessToken({ key: rsa.privateKey, alg: 'RS256', kid: 'rsa-1' }, 'https://evil.example'),
    ],
    [
      'for another audience',
      async () =>
        new SignJWT({ org: HOME_ORGANISATION, roles: ['dpo'] })
          .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' })
          .setSubject('user-1')
          .setIssuer(provider.issuer)
          .setAudience('another-api')
          .setExpirationTime('5m')
          .sign(rsa.privateKey),
    ],
    [
      'that expired',
      () =>
        accessToken({ key: rsa.privateKey, alg: 'RS256', kid: 'rsa-1' }, provider.issuer, {
          exp: Math.floor(Date.now() / 1000) - 3600,
        }),
    ],
    [
      'signed by a key the issuer never published, under a published kid',
      async () =>
        accessToken({ key: (await generateKeyPair('RS256')).privateKey, alg: 'RS256', kid: 'rsa-1' }, provider.issuer),
    ],
    [
      'with an unknown kid',
      async () =>
        accessToken({ key: (await generateKeyPair('RS256')).privateKey, alg: 'RS256', kid: 'rsa-9' }, provider.issuer),
    ],
    [
      'signed HS256 with the public key as the secret (algorithm confusion)',
      async () =>
        accessToken(
          { key: new TextEncoder().encode(await exportSPKI(rsa.publicKey)), alg: 'HS256', kid: 'rsa-1' },
          provider.issuer,
        ),
    ],
    ['that is a development token', () => tokenFor({ role: 'dpo' })],
    [
      'with alg "none"',
      async () => {
        const [, payload] = (
          await accessToken({ key: rsa.privateKey, alg: 'RS256', kid: 'rsa-1' }, provider.issuer)
        ).split('.');
        return `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
      },
    ],
    [
      'with a tampered payload',
      async () => {
        const [header, , signature] = (
          await accessToken({ key: ec.privateKey, alg: 'ES256', kid: 'ec-1' }, provider.issuer)
        ).split('.');
        const now = Math.floor(Date.now() / 1000);
        const forged = {
          sub: 'f3a1c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b',
          org: 'another-organisation',
          roles: ['dpo'],
          iss: provider.issuer,
          aud: AUDIENCE,
          exp: now + 300,
        };
        return `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
      },
    ],
    [
      'with an unknown role',
      () =>
        accessToken({ key: rsa.privateKey, alg: 'RS256', kid: 'rsa-1' }, provider.issuer, {
          roles: ['offline_access'],
        }),
    ],
  ])('refuses a token %s with 401', async (_name, mint) => {
    const response = await me(await mint());
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'Send a valid bearer token.' });
    expect(response.headers['www-authenticate']).toBe('Bearer realm="onthaal", error="invalid_token"');
  });

  it('refuses a token signed with an algorithm outside AUTH_OIDC_ALGORITHMS (RS512 by default)', async () => {
    const response = await me(
      await accessToken({ key: rs512.privateKey, alg: 'RS512', kid: 'rsa-512' }, provider.issuer),
    );
    expect(response.statusCode).toBe(401);
  });
});

describe(`OIDC with an explicit JWKS URL and claim names (on ${kind})`, () => {
  const provider = new LocalIdentityProvider();
  let service: TestApp;
  let rsa: KeyPair;

  beforeAll(async () => {
    await provider.start();
    rsa = await generateKeyPair('PS256');
    await publish(provider, 'ps-1', rsa, 'PS256');
    // Discovery would name another issuer: the explicit JWKS URL must make it irrelevant.
    provider.discoveryIssuer = 'https://somebody-else.example';
    service = await startTestApp({
      kind,
      extraModules: [OidcProbeModule],
      env: {
        AUTH_DEV_SECRET: '',
        AUTH_OIDC_ISSUER: provider.issuer,
        AUTH_OIDC_AUDIENCE: AUDIENCE,
        AUTH_OIDC_JWKS_URL: `${provider.issuer}/protocol/certs`,
        AUTH_ORGANISATION_CLAIM: 'https://onthaal.example/org',
        AUTH_ROLES_CLAIM: 'https://onthaal.example/roles',
      },
    });
  });
  afterAll(async () => {
    await service?.dispose();
    await provider.stop();
  });

  it('reads the organisation and the roles from the configured claims', async () => {
    const token = await accessToken({ key: rsa.privateKey, alg: 'PS256', kid: 'ps-1' }, provider.issuer, {
      org: undefined,
      roles: undefined,
      'https://onthaal.example/org': HOME_ORGANISATION,
      'https://onthaal.example/roles': ['social_worker'],
    });
    const response = await service.request({ method: 'GET', url: '/oidc-probe/me', headers: bearer(token) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ organisationId: HOME_ORGANISATION, roles: ['social_worker'] });
  });

  it('refuses a valid token whose organisation claim names no registered organisation, naming the claim', async () => {
    const token = await accessToken({ key: rsa.privateKey, alg: 'PS256', kid: 'ps-1' }, provider.issuer, {
      org: undefined,
      roles: undefined,
      'https://onthaal.example/org': '5b0c4a3e-2d1f-4e6a-9b8c-7d6e5f4a3b2c',
      'https://onthaal.example/roles': ['social_worker'],
    });
    const response = await service.request({ method: 'GET', url: '/oidc-probe/me', headers: bearer(token) });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'TOKEN_ORGANISATION_UNKNOWN' });
    expect(response.json<{ detail: string }>().detail).toContain('`https://onthaal.example/org` claim');
  });

  it('refuses a token carrying them under the default names only', async () => {
    const token = await accessToken({ key: rsa.privateKey, alg: 'PS256', kid: 'ps-1' }, provider.issuer);
    const response = await service.request({ method: 'GET', url: '/oidc-probe/me', headers: bearer(token) });
    expect(response.statusCode).toBe(401);
  });
});

describe(`OIDC when the identity provider cannot be used (on ${kind})`, () => {
  const provider = new LocalIdentityProvider();
  let service: TestApp;
  let rsa: KeyPair;

  beforeAll(async () => {
    await provider.start();
    rsa = await generateKeyPair('RS256');
    await publish(provider, 'rsa-1', rsa, 'RS256');
    provider.discoveryIssuer = 'https://somebody-else.example';
    service = await startTestApp({
      kind,
      extraModules: [OidcProbeModule],
      env: { AUTH_DEV_SECRET: '', AUTH_OIDC_ISSUER: provider.issuer, AUTH_OIDC_AUDIENCE: AUDIENCE },
    });
  });
  afterAll(async () => {
    await service?.dispose();
    await provider.stop().catch(() => undefined);
  });

  const me = async () =>
    service.request({
      method: 'GET',
      url: '/oidc-probe/me',
      headers: bearer(await accessToken({ key: rsa.privateKey, alg: 'RS256', kid: 'rsa-1' }, provider.issuer)),
    });

  // In order: each fault is repaired before the next.
  it('answers 503, not 401, while the discovery document cannot be fetched', async () => {
    provider.dropDiscovery = true;
    const response = await me();
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'AUTHENTICATION_UNAVAILABLE' });
    provider.dropDiscovery = false;
  });

  it('answers 503 while the discovery document names another issuer', async () => {
    const response = await me();
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'AUTHENTICATION_UNAVAILABLE' });
    expect(provider.jwksRequests).toBe(0);
    provider.discoveryIssuer = undefined;
  });

  it('answers 503 while the key set answers with an error, and recovers when it is served again', async () => {
    provider.jwksStatus = 500;
    expect((await me()).statusCode).toBe(503);
    provider.jwksStatus = 200;
    expect((await me()).statusCode).toBe(200);
  });

  it('keeps verifying with the keys it has while the identity provider is down', async () => {
    await provider.stop();
    expect((await me()).statusCode).toBe(200);
  });
});
