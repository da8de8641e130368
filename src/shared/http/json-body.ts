import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_APPEND_BYTES } from '../event-store';
import { invalidRequest, ProblemException } from './problem-details';

/**
 * What a JSON body may be, whatever the route (docs/adr/0020). The bounds are those of the largest schema with room
 * to spare, checked on the parsed value before class-transformer or class-validator see it: a hostile body costs
 * one `JSON.parse` and one walk over at most `MAX_BODY_NODES` values.
 */
export const BODY_LIMITS = {
  /** Bytes of a body on routes that declare no other limit: every command but a handful fits in it. */
  defaultBytes: 16 * 1024,
  /** Bytes where a command carries free text up to 2,000 characters or a list (`@BodyLimit(BODY_LIMITS.large)`). */
  largeBytes: 64 * 1024,
  /** Bytes of the largest command: a municipality with 200 population figures, one append's worth. */
  appendBytes: MAX_APPEND_BYTES,
  /** Objects and arrays inside one another: the deepest schema (a list of objects) needs 3. */
  maxDepth: 8,
  /** Keys of one object: the widest schema has fewer than 20. */
  maxKeys: 64,
  /** Items of one array: the longest list a schema allows is 200. */
  maxItems: 200,
  /** Values in the whole body. */
  maxNodes: 5_000,
} as const;

/** Keys that name an object's prototype machinery: never a field of ours, and a hazard to code that copies objects. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets the body limit of a route that needs more than `BODY_LIMITS.defaultBytes`. */
export const BodyLimit = (bytes: number): MethodDecorator => RouteConfig({ bodyLimit: bytes });

/**
 * Replaces Fastify's and Nest's body parsers with one for `application/json` in UTF-8 only: any other content type
 * (forms, text, multipart) is a 415 before a byte of it is parsed, and so is another charset. Each route's body
 * limit is `@BodyLimit` or the small default. Call before any route is registered.
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const configured: unknown = Reflect.get(route.config ?? {}, 'bodyLimit');
    route.bodyLimit ??= typeof configured === 'number' ? configured : BODY_LIMITS.defaultBytes;
  });
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      done(null, parseJsonBody(request, body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

function parseJsonBody(request: FastifyRequest, text: string): unknown {
  const charset = charsetOf(request.headers['content-type']);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ProblemException(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Unsupported media type',
      'Send the body as application/json in UTF-8.',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's message quotes the body: it is not passed on.
    throw new ProblemException(400, 'BAD_REQUEST', 'The request could not be processed', 'The body is not valid JSON.');
  }
  const problem = structureProblem(value);
  if (problem !== undefined) throw invalidRequest([{ field: 'body', messages: [problem] }]);
  return value;
}

function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : undefined;
}

/**
 * Walks the parsed body without recursion, so that no nesting can exhaust the stack, and names the first bound it
 * breaks. Messages never quote a key or a value.
 */
export function structureProblem(body: unknown): string | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  let nodes = 0;
  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    nodes += 1;
    if (nodes > BODY_LIMITS.maxNodes) return `the body must not hold more than ${BODY_LIMITS.maxNodes} values`;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= BODY_LIMITS.maxDepth) {
      return `the body must not nest objects and lists more than ${BODY_LIMITS.maxDepth} levels deep`;
    }
    if (Array.isArray(value)) {
      if (value.length > BODY_LIMITS.maxItems) {
        return `a list in the body must not hold more than ${BODY_LIMITS.maxItems} items`;
      }
      for (const item of value) pending.push({ value: item, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > BODY_LIMITS.maxKeys) {
      return `an object in the body must not hold more than ${BODY_LIMITS.maxKeys} fields`;
    }
    for (const key of keys) {
      if (RESERVED_KEYS.has(key)) return 'the body must not use __proto__, constructor or prototype as a field name';
      pending.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  return undefined;
}
