import { ConfigError, loadConfig } from './app-config';

const DEV_SECRET = 'a-development-secret-of-at-least-32-chars';
const KEK = Buffer.alloc(32, 1).toString('base64');
const PREVIOUS_KEK = Buffer.alloc(32, 2).toString('base64');
const INDEX_KEY = Buffer.alloc(32, 3).toString('base64url');

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.eventStoreConnectionString).toBeUndefined();
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.logLevel).toBe('info');
    expect(config.projectionsEnabled).toBe(true);
    expect(config.horizonHeldMaxSeconds).toBe(60);
    expect(config.auth).toEqual({ mode: 'development', secret: undefined, clockToleranceSeconds: 30 });
    expect(config.rateLimits).toEqual({ windowSeconds: 60, perIp: 1200, perUser: 300 });
    expect(config.corsOrigins).toEqual([]);
    expect(config.trustProxy).toBe(false);
    expect(config.personalData).toEqual({
      kek: undefined,
      previousKek: undefined,
      indexKey: undefined,
      kekRotationDays: 90,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      DATA_DIR: '/tmp/onthaal',
      DATABASE_URL: 'postgres://app:secret@db:5432/onthaal',
      DATABASE_POOL_SIZE: '20',
      EVENTSTORE_CONNECTION_STRING: 'esdb+discover://node1:2113?tls=true',
      EVENTSTORE_TRUST_CHECKPOINTS: 'false',
      SHUTDOWN_TIMEOUT_MS: '5000',
      PROJECTIONS_ENABLED: 'false',
      HORIZON_HELD_MAX_SECONDS: '120',
      AUTH_DEV_SECRET: DEV_SECRET,
      AUTH_CLOCK_TOLERANCE_SECONDS: '5',
      RATE_LIMIT_WINDOW_SECONDS: '10',
      RATE_LIMIT_PER_IP: '100',
      RATE_LIMIT_PER_USER: '50',
      CORS_ORIGINS: 'https://onthaal.w13.example, http://localhost:5173',
      TRUST_PROXY: '10.0.0.2,10.1.0.0/16',
      PERSONAL_DATA_KEK: KEK,
      PERSONAL_DATA_KEK_PREVIOUS: PREVIOUS_KEK,
      PERSONAL_DATA_INDEX_KEY: INDEX_KEY,
      IMPACT_SUPPRESSION_THRESHOLD: '15',
      PERSONAL_DATA_KEK_ROTATION_DAYS: '30',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'debug',
      dataDir: '/tmp/onthaal',
      databaseUrl: 'postgres://app:secret@db:5432/onthaal',
      databasePoolSize: 20,
      eventStoreConnectionString: 'esdb+discover://node1:2113?tls=true',
      eventStoreTrustCheckpoints: false,
      shutdownTimeoutMs: 5000,
      projectionsEnabled: false,
      horizonHeldMaxSeconds: 120,
      auth: { mode: 'development', secret: DEV_SECRET, clockToleranceSeconds: 5 },
      rateLimits: { windowSeconds: 10, perIp: 100, perUser: 50 },
      corsOrigins: ['https://onthaal.w13.example', 'http://localhost:5173'],
      trustProxy: ['10.0.0.2', '10.1.0.0/16'],
      personalData: { kek: KEK, previousKek: PREVIOUS_KEK, indexKey: INDEX_KEY, kekRotationDays: 30 },
      impact: { suppressionThreshold: 15 },
    });
  });

  it('names every bad variable and what it expects, without echoing connection strings', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://root:hunter2@db/x',
        EVENTSTORE_CONNECTION_STRING: 'http://es',
        PROJECTIONS_ENABLED: 'maybe',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "eighty")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'DATABASE_URL must be a URL starting with postgres:// or postgresql://',
      'EVENTSTORE_CONNECTION_STRING must be a URL starting with esdb:// or esdb+discover://',
      'PROJECTIONS_ENABLED must be true or false (got "maybe")',
    ]);
    expect(message).not.toContain('hunter2');
  });

  it('refuses out-of-range numbers', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow('PORT must be a whole number from 0 to 65535');
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow('DATABASE_POOL_SIZE');
    // A threshold of 1 would publish single people (docs/analysts.md).
    expect(() => loadConfig({ IMPACT_SUPPRESSION_THRESHOLD: '1' })).toThrow('IMPACT_SUPPRESSION_THRESHOLD');
  });

  describe('authentication (docs/adr/0007)', () => {
    it('verifies an OIDC issuer with the audience, safe algorithms and claim names', () => {
      const config = loadConfig({
        AUTH_OIDC_ISSUER: 'https://idp.example.org/realms/w13',
        AUTH_OIDC_AUDIENCE: 'onthaal',
        DATABASE_URL: 'postgres://app@db/onthaal',
      });
      expect(config.auth).toEqual({
        mode: 'oidc',
        issuer: 'https://idp.example.org/realms/w13',
        audience: 'onthaal',
        jwksUrl: undefined,
        algorithms: ['RS256', 'PS256', 'ES256'],
        organisationClaim: 'org',
        rolesClaim: 'roles',
        clockToleranceSeconds: 30,
      });
    });

    it('refuses development tokens in a production configuration', () => {
      expect(
        problemsOf({
          AUTH_OIDC_ISSUER: 'https://idp.example.org',
          AUTH_OIDC_AUDIENCE: 'onthaal',
          AUTH_DEV_SECRET: DEV_SECRET,
        }),
      ).toEqual(['AUTH_DEV_SECRET must not be set with AUTH_OIDC_ISSUER: production refuses development tokens']);
    });

    it('refuses to start on PostgreSQL without an identity provider or an explicit development secret', () => {
      const problems = problemsOf({ DATABASE_URL: 'postgres://app@db/onthaal' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('set AUTH_OIDC_ISSUER and AUTH_OIDC_AUDIENCE (production), or AUTH_DEV_SECRET');
      expect(loadConfig({ DATABASE_URL: 'postgres://app@db/onthaal', AUTH_DEV_SECRET: DEV_SECRET }).auth).toEqual({
        mode: 'development',
        secret: DEV_SECRET,
        clockToleranceSeconds: 30,
      });
    });

    it.each([
      [{ AUTH_OIDC_ISSUER: 'https://idp.example.org' }, 'AUTH_OIDC_AUDIENCE is required with AUTH_OIDC_ISSUER'],
      [
        { AUTH_OIDC_ISSUER: 'http://idp.example.org', AUTH_OIDC_AUDIENCE: 'a' },
        'AUTH_OIDC_ISSUER must be an https:// URL',
      ],
      [
        { AUTH_OIDC_ISSUER: 'https://idp.example.org', AUTH_OIDC_AUDIENCE: 'a', AUTH_OIDC_ALGORITHMS: 'RS256,HS256' },
        'AUTH_OIDC_ALGORITHMS must be a comma-separated list of RS256',
      ],
      [
        { AUTH_OIDC_ISSUER: 'https://idp.example.org', AUTH_OIDC_AUDIENCE: 'a', AUTH_OIDC_ALGORITHMS: 'none' },
        'AUTH_OIDC_ALGORITHMS must be',
      ],
      [{ AUTH_OIDC_AUDIENCE: 'onthaal' }, 'AUTH_OIDC_AUDIENCE needs AUTH_OIDC_ISSUER'],
      [{ AUTH_DEV_SECRET: 'short' }, 'AUTH_DEV_SECRET must be at least 32 characters long'],
      [{ AUTH_CLOCK_TOLERANCE_SECONDS: '3600' }, 'AUTH_CLOCK_TOLERANCE_SECONDS must be a whole number from 0 to 300'],
      [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS must list origins like https://app.example.org'],
      [{ CORS_ORIGINS: 'https://app.example.org/path' }, 'not valid: https://app.example.org/path'],
      [{ TRUST_PROXY: 'the load balancer' }, 'TRUST_PROXY must be true, false or a comma-separated list'],
      [{ RATE_LIMIT_PER_USER: '0' }, 'RATE_LIMIT_PER_USER must be a whole number from 1'],
    ])('refuses %j', (env, message) => {
      expect(problemsOf(env).join('\n')).toContain(message);
    });

    it('accepts plain http for an identity provider on localhost only', () => {
      const config = loadConfig({
        AUTH_OIDC_ISSUER: 'http://127.0.0.1:8080/realms/dev',
        AUTH_OIDC_AUDIENCE: 'onthaal',
      });
      expect(config.auth).toMatchObject({ mode: 'oidc', issuer: 'http://127.0.0.1:8080/realms/dev' });
    });

    it('never echoes the development secret', () => {
      const secret = 'hunter2-but-thirty-two-characters-long';
      let message = '';
      try {
        loadConfig({ AUTH_DEV_SECRET: secret, AUTH_OIDC_ISSUER: 'https://idp.example.org' });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain('AUTH_DEV_SECRET');
      expect(message).not.toContain(secret);
    });
  });

  describe('personal-data keys (docs/adr/0012)', () => {
    it('requires the KEK and the index key in production (NODE_ENV=production), naming both', () => {
      expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
        'PERSONAL_DATA_KEK is required when NODE_ENV=production (32 random bytes, base64: generate one with `openssl rand -base64 32`)',
        'PERSONAL_DATA_INDEX_KEY is required when NODE_ENV=production (32 random bytes, base64, not the KEK: generate one with `openssl rand -base64 32`)',
      ]);
      expect(
        loadConfig({ NODE_ENV: 'production', PERSONAL_DATA_KEK: KEK, PERSONAL_DATA_INDEX_KEY: INDEX_KEY }).personalData,
      ).toEqual({ kek: KEK, previousKek: undefined, indexKey: INDEX_KEY, kekRotationDays: 90 });
      // Outside production the service derives or generates development keys (src/shared/crypto/key-material.ts).
      expect(problemsOf({ NODE_ENV: 'test' })).toEqual([]);
    });

    it.each([
      [
        { PERSONAL_DATA_KEK: Buffer.alloc(16).toString('base64') },
        'PERSONAL_DATA_KEK must be 32 random bytes in base64',
      ],
      [{ PERSONAL_DATA_INDEX_KEY: 'not base64!' }, 'PERSONAL_DATA_INDEX_KEY must be 32 random bytes in base64'],
      [{ PERSONAL_DATA_KEK_PREVIOUS: PREVIOUS_KEK }, 'PERSONAL_DATA_KEK_PREVIOUS needs PERSONAL_DATA_KEK'],
      [{ PERSONAL_DATA_KEK: KEK, PERSONAL_DATA_KEK_PREVIOUS: KEK }, 'PERSONAL_DATA_KEK_PREVIOUS must differ'],
      [{ PERSONAL_DATA_KEK: KEK, PERSONAL_DATA_INDEX_KEY: KEK }, 'PERSONAL_DATA_INDEX_KEY must differ'],
    ])('refuses %j', (env, message) => {
      expect(problemsOf(env).join('\n')).toContain(message);
    });

    it('never echoes a key', () => {
      const short = Buffer.from('a secret of the wrong length').toString('base64');
      const message = problemsOf({ PERSONAL_DATA_KEK: short, PERSONAL_DATA_INDEX_KEY: short }).join('\n');
      expect(message).toContain('PERSONAL_DATA_KEK');
      expect(message).not.toContain(short);
    });
  });
});
