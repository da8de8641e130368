import { Logger } from '@nestjs/common';
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
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });

  const logger = new Logger('Shutdown');
  const shutDown = (signal: NodeJS.Signals) => {
    logger.log(`${signal}: finishing in-flight requests and projection batches`);
    // A shutdown that hangs (a stuck connection) must not keep the process alive for ever.
    setTimeout(() => {
      logger.error(`Shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting`);
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    app.close().then(
      () => {
        logger.log('Stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`Shutdown failed: ${error instanceof Error ? error.name : typeof error}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutDown);
  process.once('SIGINT', shutDown);
}

main().catch((error: unknown) => {
  process.stderr.write(`The service failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
