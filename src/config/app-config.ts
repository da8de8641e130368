import { isAbsolute, resolve } from 'node:path';

/**
 * Typed configuration, read from environment variables only and validated at start: a bad value stops the
 * service with a message naming the variable and what it expects (docs/configuration in README).
 */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  /** Folder of the embedded PGlite database, used when `databaseUrl` is absent. */
  readonly dataDir: string;
  /** A PostgreSQL server for read models, and for events unless EventStoreDB is configured. */
  readonly databaseUrl: string | undefined;
  readonly databasePoolSize: number;
  /** EventStoreDB for events (`esdb://` or `esdb+discover://`). */
  readonly eventStoreConnectionString: string | undefined;
  /**
   * Forward EventStoreDB's filtered-subscription checkpoints to projections. Servers before 24.10 could send one
   * ahead of the last event; against those set it to false (docs/operations.md).
   */
  readonly eventStoreTrustCheckpoints: boolean;
  /** How long a graceful shutdown may take before the process exits anyway. */
  readonly shutdownTimeoutMs: number;
  /** Whether projections run in this process (turn off on replicas that only serve HTTP). */
  readonly projectionsEnabled: boolean;
  /**
   * PostgreSQL event store: readiness fails while a transaction holding a transaction id anywhere on the server has
   * held back event delivery longer than this many seconds; 0 never fails it (docs/operations.md).
   */
  readonly horizonHeldMaxSeconds: number;
  /** How bearer tokens are verified (docs/adr/0007-authentication-and-access-control.md). */
  readonly auth: AuthConfig;
  readonly rateLimits: RateLimitConfig;
  /** Browser origins allowed to call the API (CORS); empty: no CORS headers at all. */
  readonly corsOrigins: readonly string[];
  /** Which proxies' `X-Forwarded-For` to believe, so that per-IP limits see the client and not the load balancer. */
  readonly trustProxy: boolean | readonly string[];
  /** Keys of personal-data encryption and look-ups (docs/privacy.md, docs/adr/0012-personal-data-encryption.md). */
  readonly personalData: PersonalDataKeyConfig;
  /** Publishing impact figures (docs/analysts.md). */
  readonly impact: ImpactConfig;
}

export interface ImpactConfig {
  /** `IMPACT_SUPPRESSION_THRESHOLD`: a figure based on fewer people is not published (primary suppression). */
  readonly suppressionThreshold: number;
}

/**
 * Key material as configured: base64 of 32 random bytes each, validated here, decoded by `src/shared/crypto`. Unset
 * outside production means development keys (derived from `AUTH_DEV_SECRET`, or generated under `DATA_DIR`); with
 * `NODE_ENV=production` the KEK and the index key are required.
 */
export interface PersonalDataKeyConfig {
  /** `PERSONAL_DATA_KEK`: wraps every person's data key. */
  readonly kek: string | undefined;
  /** `PERSONAL_DATA_KEK_PREVIOUS`: during a rotation, still unwraps the keys not yet rewrapped. */
  readonly previousKek: string | undefined;
  /** `PERSONAL_DATA_INDEX_KEY`: keys the blind indexes (look-ups by INSZ, by name and birth date). */
  readonly indexKey: string | undefined;
  /**
   * `PERSONAL_DATA_KEK_ROTATION_DAYS` (default 90): the KEK is due for rotation this many days after its first use;
   * older, the service warns (log, metrics). It bounds how long an erased person's key stays openable in copies.
   */
  readonly kekRotationDays: number;
}

/** Asymmetric JWS algorithms an identity provider may sign with. HS* (a shared secret) and `none` never. */
export const OIDC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
export type OidcAlgorithm = (typeof OIDC_ALGORITHMS)[number];

/**
 * Production: tokens of an OpenID Connect issuer, verified against its JWKS. Development: HS256 tokens signed with a
 * local secret (`npm run token`); `secret` undefined means the one generated once under `DATA_DIR`.
 */
export type AuthConfig =
  | {
      readonly mode: 'oidc';
      readonly issuer: string;
      readonly audience: string;
      /** Defaults to the `jwks_uri` of the issuer's discovery document. */
      readonly jwksUrl: string | undefined;
      readonly algorithms: readonly OidcAlgorithm[];
      /** Claim names for the organisation and the roles: identity providers differ (Auth0 wants URLs). */
      readonly organisationClaim: string;
      readonly rolesClaim: string;
      readonly clockToleranceSeconds: number;
    }
  | {
      readonly mode: 'development';
      readonly secret: string | undefined;
      readonly clockToleranceSeconds: number;
    };

/** Requests per window, per client IP address and per authenticated user, counted by each replica. */
export interface RateLimitConfig {
  readonly windowSeconds: number;
  readonly perIp: number;
  readonly perUser: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Dependency-injection token for `AppConfig`. */
export const APP_CONFIG = Symbol('AppConfig');

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);
  const base = {
    port: read.integer('PORT', 3000, 0, 65535),
    host: read.string('HOST', '0.0.0.0'),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    dataDir: read.path('DATA_DIR', './data'),
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: read.integer('DATABASE_POOL_SIZE', 10, 1, 200),
    eventStoreConnectionString: read.url('EVENTSTORE_CONNECTION_STRING', ['esdb:', 'esdb+discover:']),
    eventStoreTrustCheckpoints: read.boolean('EVENTSTORE_TRUST_CHECKPOINTS', true),
    shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    projectionsEnabled: read.boolean('PROJECTIONS_ENABLED', true),
    horizonHeldMaxSeconds: read.integer('HORIZON_HELD_MAX_SECONDS', 60, 0, 86_400),
  };
  const config: AppConfig = {
    ...base,
    auth: readAuth(read, problems, base.databaseUrl),
    rateLimits: {
      windowSeconds: read.integer('RATE_LIMIT_WINDOW_SECONDS', 60, 1, 3600),
      perIp: read.integer('RATE_LIMIT_PER_IP', 1200, 1, 1_000_000),
      perUser: read.integer('RATE_LIMIT_PER_USER', 300, 1, 1_000_000),
    },
    corsOrigins: read.origins('CORS_ORIGINS'),
    trustProxy: read.trustProxy('TRUST_PROXY'),
    personalData: readPersonalDataKeys(read, problems, env.NODE_ENV?.trim() === 'production'),
    // At least 2: a threshold of 1 would publish single people.
    impact: { suppressionThreshold: read.integer('IMPACT_SUPPRESSION_THRESHOLD', 10, 2, 1000) },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

const DEV_SECRET_MIN_LENGTH = 32;

/** The rules of docs/adr/0007: OIDC when an issuer is set; otherwise development tokens, never by accident. */
function readAuth(read: EnvReader, problems: string[], databaseUrl: string | undefined): AuthConfig {
  const issuer = read.httpsUrl('AUTH_OIDC_ISSUER');
  const devSecret = read.secret('AUTH_DEV_SECRET', DEV_SECRET_MIN_LENGTH);
  const clockToleranceSeconds = read.integer('AUTH_CLOCK_TOLERANCE_SECONDS', 30, 0, 300);
  if (issuer !== undefined || read.isSet('AUTH_OIDC_ISSUER')) {
    const audience = read.string('AUTH_OIDC_AUDIENCE', '');
    if (audience === '') problems.push('AUTH_OIDC_AUDIENCE is required with AUTH_OIDC_ISSUER');
    if (read.isSet('AUTH_DEV_SECRET')) {
      problems.push('AUTH_DEV_SECRET must not be set with AUTH_OIDC_ISSUER: production refuses development tokens');
    }
    return {
      mode: 'oidc',
      issuer: issuer ?? '',
      audience,
      jwksUrl: read.httpsUrl('AUTH_OIDC_JWKS_URL'),
      algorithms: read.listOf('AUTH_OIDC_ALGORITHMS', OIDC_ALGORITHMS, ['RS256', 'PS256', 'ES256']),
      organisationClaim: read.string('AUTH_ORGANISATION_CLAIM', 'org'),
      rolesClaim: read.string('AUTH_ROLES_CLAIM', 'roles'),
      clockToleranceSeconds,
    };
  }
  for (const name of ['AUTH_OIDC_AUDIENCE', 'AUTH_OIDC_JWKS_URL', 'AUTH_OIDC_ALGORITHMS']) {
    if (read.isSet(name)) problems.push(`${name} needs AUTH_OIDC_ISSUER`);
  }
  // A real database without an identity provider must not silently fall back to a secret nobody chose.
  if (databaseUrl !== undefined && devSecret === undefined && !read.isSet('AUTH_DEV_SECRET')) {
    problems.push(
      'DATABASE_URL is set, so tokens must be verified: set AUTH_OIDC_ISSUER and AUTH_OIDC_AUDIENCE (production), ' +
        `or AUTH_DEV_SECRET (development tokens, at least ${DEV_SECRET_MIN_LENGTH} characters)`,
    );
  }
  return { mode: 'development', secret: devSecret, clockToleranceSeconds };
}

const KEY_BYTES = 32;

/**
 * The rules of docs/adr/0012: three distinct keys; in production (`NODE_ENV=production`, as the Docker image sets)
 * the KEK and the index key must be given, never derived or generated, since every replica must hold the same ones
 * and losing them loses every person's data.
 */
function readPersonalDataKeys(read: EnvReader, problems: string[], production: boolean): PersonalDataKeyConfig {
  const kek = read.key('PERSONAL_DATA_KEK', KEY_BYTES);
  const previousKek = read.key('PERSONAL_DATA_KEK_PREVIOUS', KEY_BYTES);
  const indexKey = read.key('PERSONAL_DATA_INDEX_KEY', KEY_BYTES);
  const generate = 'generate one with `openssl rand -base64 32`';
  if (production) {
    if (!read.isSet('PERSONAL_DATA_KEK')) {
      problems.push(`PERSONAL_DATA_KEK is required when NODE_ENV=production (32 random bytes, base64: ${generate})`);
    }
    if (!read.isSet('PERSONAL_DATA_INDEX_KEY')) {
      problems.push(
        `PERSONAL_DATA_INDEX_KEY is required when NODE_ENV=production (32 random bytes, base64, not the KEK: ${generate})`,
      );
    }
  }
  if (read.isSet('PERSONAL_DATA_KEK_PREVIOUS') && !read.isSet('PERSONAL_DATA_KEK')) {
    problems.push('PERSONAL_DATA_KEK_PREVIOUS needs PERSONAL_DATA_KEK (the key it is rotated to)');
  }
  if (kek !== undefined && previousKek !== undefined && sameKey(kek, previousKek)) {
    problems.push('PERSONAL_DATA_KEK_PREVIOUS must differ from PERSONAL_DATA_KEK');
  }
  if (indexKey !== undefined && [kek, previousKek].some((key) => key !== undefined && sameKey(key, indexKey))) {
    problems.push('PERSONAL_DATA_INDEX_KEY must differ from the key-encryption keys');
  }
  const kekRotationDays = read.integer('PERSONAL_DATA_KEK_ROTATION_DAYS', 90, 1, 3650);
  return { kek, previousKek, indexKey, kekRotationDays };
}

function sameKey(a: string, b: string): boolean {
  return Buffer.from(a, 'base64').equals(Buffer.from(b, 'base64'));
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  isSet(name: string): boolean {
    return this.raw(name) !== undefined;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return parsed;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  }

  path(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    return isAbsolute(value) ? value : resolve(process.cwd(), value);
  }

  /** Never echoes the value. */
  secret(name: string, minLength: number): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (value.length < minLength) {
      this.problems.push(`${name} must be at least ${minLength} characters long`);
      return undefined;
    }
    return value;
  }

  /** Base64 (or base64url) of exactly `bytes` bytes. Never echoes the value. */
  key(name: string, bytes: number): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const wellFormed = /^[A-Za-z0-9+/_-]+={0,2}$/.test(value);
    if (!wellFormed || Buffer.from(value, 'base64').length !== bytes) {
      this.problems.push(
        `${name} must be ${bytes} random bytes in base64 (generate with \`openssl rand -base64 ${bytes}\`)`,
      );
      return undefined;
    }
    return value;
  }

  /** Comma-separated values, each one of `allowed`. */
  listOf<T extends string>(name: string, allowed: readonly T[], fallback: readonly T[]): readonly T[] {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const items = value.split(',').map((item) => item.trim());
    const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
    if (unknown.length > 0 || items.length === 0) {
      this.problems.push(`${name} must be a comma-separated list of ${allowed.join(', ')} (got "${value}")`);
      return fallback;
    }
    return items as T[];
  }

  /** An https URL; plain http only on a loopback host (a test or a local identity provider). */
  httpsUrl(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    const loopback = url !== undefined && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url === undefined || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) {
      this.problems.push(`${name} must be an https:// URL (http:// only for localhost) (got "${value}")`);
      return undefined;
    }
    return value;
  }

  /** `https://app.example.org,http://localhost:5173`: scheme, host and port only; `*` is refused. */
  origins(name: string): readonly string[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    const origins = value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    const bad = origins.filter((origin) => {
      try {
        const url = new URL(origin);
        return !['http:', 'https:'].includes(url.protocol) || url.origin !== origin;
      } catch {
        return true;
      }
    });
    if (bad.length > 0) {
      this.problems.push(
        `${name} must list origins like https://app.example.org, separated by commas (not valid: ${bad.join(', ')})`,
      );
      return [];
    }
    return origins;
  }

  /** `true`/`false`, or a comma-separated list of proxy addresses or CIDR ranges (safer than trusting any hop). */
  trustProxy(name: string): boolean | readonly string[] {
    const value = this.raw(name);
    if (value === undefined) return false;
    if (['true', 'false'].includes(value.toLowerCase())) return value.toLowerCase() === 'true';
    const addresses = value.split(',').map((item) => item.trim());
    if (addresses.some((address) => !/^[0-9A-Fa-f.:]+(\/\d{1,3})?$/.test(address))) {
      this.problems.push(`${name} must be true, false or a comma-separated list of proxy addresses (got "${value}")`);
      return false;
    }
    return addresses;
  }

  /** Never echoes the value: connection strings carry passwords. */
  url(name: string, protocols: readonly string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let protocol: string | undefined;
    try {
      protocol = new URL(value).protocol;
    } catch {
      protocol = undefined;
    }
    if (protocol === undefined || !protocols.includes(protocol)) {
      this.problems.push(`${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return undefined;
    }
    return value;
  }
}
