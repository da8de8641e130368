import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The request id: the caller's `X-Request-Id` when it is a plausible id (so a trace spans services), a new UUID
 * otherwise. Fastify and the pino logger both read it, so every log line of a request carries the same id.
 */
export function requestIdOf(request: IncomingMessage): string {
  const existing = (request as IncomingMessage & { id?: unknown }).id;
  if (typeof existing === 'string') return existing;
  const header = request.headers['x-request-id'];
  const id = typeof header === 'string' && ACCEPTABLE_REQUEST_ID.test(header) ? header : randomUUID();
  (request as IncomingMessage & { id?: string }).id = id;
  return id;
}
