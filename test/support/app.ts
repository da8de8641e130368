import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import type { Clock } from '../../src/shared/domain/clock';
import { TEST_AUTH_SECRET } from './auth';
import { createTestDatabase, type TestDatabase, type TestDatabaseKind } from './database';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly kind: TestDatabaseKind;
  /** Sends a request through Fastify without a socket. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Closes the app (a graceful shutdown), keeping its database for a restart. */
  close(): Promise<void>;
  /** Boots a new app on the same database. */
  restart(): Promise<TestApp>;
  /** Closes the app and deletes its database. */
  dispose(): Promise<void>;
}

export interface TestAppOptions {
  readonly kind: TestDatabaseKind;
  /**
   * Extra environment variables, as the service would read them. `AUTH_DEV_SECRET` defaults to the secret of
   * `test/support/auth.ts` (so `tokenFor` works); set it to '' for the secret generated under DATA_DIR.
   */
  readonly env?: Record<string, string>;
  /** Modules added to the app: a probe endpoint a test needs. */
  readonly extraModules?: readonly Type[];
  /** The clock the app decides with (CLOCK): a test moves it to see a deadline pass. The system clock otherwise. */
  readonly clock?: Clock;
  /** With kind `postgres`: boot on this existing database instead of a fresh one; the test owns (and drops) it. */
  readonly databaseUrl?: string;
  /** On a fresh PostgreSQL database: the URL the app connects with, made from the database's (a fault-injecting proxy's). */
  readonly connectThrough?: (url: string) => string | Promise<string>;
}

/**
 * Boots the real application as `npm start` would: on the embedded PGlite under a temporary DATA_DIR, or on a fresh
 * PostgreSQL database of the `DATABASE_URL` server.
 */
export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  const env: Record<string, string> = { LOG_LEVEL: 'silent', AUTH_DEV_SECRET: TEST_AUTH_SECRET, ...options.env };
  if (options.kind === 'postgres' && options.databaseUrl !== undefined) {
    env.DATABASE_URL = options.databaseUrl;
  } else if (options.kind === 'postgres') {
    database = await createTestDatabase({ kind: 'postgres', poolSize: 1, dataSourcePoolSize: 1 });
    env.DATABASE_URL = options.connectThrough ? await options.connectThrough(database.url) : database.url;
  } else {
    dataDir = await mkdtemp(join(tmpdir(), 'onthaal-e2e-'));
    env.DATA_DIR = dataDir;
  }
  const cleanUp = async () => {
    await database?.dispose();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
  const boot = async (): Promise<TestApp> => {
    const app = await createApp(loadConfig(env), {
      extraModules: options.extraModules ?? [],
      ...(options.clock ? { clock: options.clock } : {}),
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    let closed: Promise<void> | undefined;
    const close = () => (closed ??= app.close());
    return {
      app,
      kind: options.kind,
      request: (request) => app.getHttpAdapter().getInstance().inject(request),
      close,
      restart: async () => {
        await close();
        return boot();
      },
      dispose: async () => {
        await close();
        await cleanUp();
      },
    };
  };
  try {
    return await boot();
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
