import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory';
import { type AppConfig, ConfigError, loadConfig } from './config/app-config';

const EX_CONFIG = 78;

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nThe service did not start. See README.md, "Configuration".\n`);
    process.exit(EX_CONFIG);
  }

  // Signals are handled from the first moment: one that arrives while the app starts stops it once it has.
  const started: { app?: NestFastifyApplication } = {};
  let stopRequested: NodeJS.Signals | undefined;
  const shutDown = (signal: NodeJS.Signals) => {
    if (started.app) stop(started.app, signal, config.shutdownTimeoutMs);
    else stopRequested = signal;
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);

  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  started.app = app;
  if (stopRequested) stop(app, stopRequested, config.shutdownTimeoutMs);
}

/**
 * Stops accepting requests and finishes those in flight while the projections still run (a command in flight waits
 * for its read models), then lets every projection commit its batch, closes the stores, and exits.
 */
function stop(app: NestFastifyApplication, signal: NodeJS.Signals, timeoutMs: number): void {
  const logger = new Logger('Shutdown');
  logger.log(`${signal}: no longer accepting requests; finishing those in flight`);
  // A shutdown that hangs (a stuck connection) must not keep the process alive for ever.
  setTimeout(() => {
    logger.error(`Shutdown took longer than ${timeoutMs} ms; exiting`);
    process.exit(1);
  }, timeoutMs).unref();
  (async () => {
    await app.getHttpAdapter().close();
    logger.log('In-flight requests finished; stopping projections');
    await app.close();
  })().then(
    () => {
      logger.log('Stopped');
      process.exit(0);
    },
    (error: unknown) => {
      logger.error(`Shutdown failed: ${error instanceof Error ? error.name : typeof error}`);
      process.exit(1);
    },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`The service failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
