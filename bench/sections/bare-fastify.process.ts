import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { BARE_ROUTE, type ChildReady, type StopChild } from '../support/child-messages';

/**
 * Fastify alone, one route, in a process of its own: the floor of resident memory for a Node HTTP service under the
 * same load, and the HTTP ceiling without the app's hooks.
 */
async function main(): Promise<void> {
  const fastify = Fastify({ logger: false });
  fastify.get(BARE_ROUTE, (_request, reply) => {
    void reply.send({ status: 'ok' });
  });
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  const { port } = fastify.server.address() as AddressInfo;
  const stop = () => {
    fastify.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('message', (message: StopChild) => {
    if (message.type === 'stop') stop();
  });
  process.on('disconnect', stop);
  const ready: ChildReady = { type: 'ready', port };
  process.send?.(ready);
}

main().catch((error: unknown) => {
  process.stderr.write(`bare Fastify failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
