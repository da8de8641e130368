import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { DATABASE_CONNECTION, type DatabaseConnection } from '../../src/shared/database/database.module';
import { BARE_ROUTE, type ChildReady, type StopChild } from '../support/child-messages';

/**
 * The service as `npm start` runs it, in a child process of the benchmark so that its resident memory is its own,
 * plus one bare Fastify route on the same server: the framework's ceiling (Fastify and the app's hooks, no Nest
 * routing, guards or pipes). Configured by the environment like the service; listens on 127.0.0.1, any free port.
 * Says `ready` over IPC; `stop` closes the app gracefully and exits.
 */

async function main(): Promise<void> {
  const app = await createApp(loadConfig(process.env));
  app
    .getHttpAdapter()
    .getInstance()
    .get(BARE_ROUTE, (_request, reply) => {
      void reply.send({ status: 'ok' });
    });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  const connection = app.get<DatabaseConnection>(DATABASE_CONNECTION);
  const stop = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('message', (message: StopChild) => {
    if (message.type === 'stop') stop();
  });
  // The benchmark went away without saying so: do not linger.
  process.on('disconnect', stop);
  const ready: ChildReady = { type: 'ready', port, databaseUrl: connection.url };
  process.send?.(ready);
}

main().catch((error: unknown) => {
  process.stderr.write(`service failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
