import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { type BeforeAppend, beforeAppendOf } from '../commands/before-append';
import { ProblemException } from './problem-details';

/** What a command endpoint reads from the request besides its body. */
export interface CommandHeaders {
  /** From `If-Match: "<revision>"`: the stream revision the client last saw. */
  readonly expectedRevision?: bigint;
  /** From `Idempotency-Key`: retries with the same key are answered from the first call and write nothing. */
  readonly idempotencyKey?: string;
  /** The request id, used as the events' correlation id. */
  readonly correlationId: string;
  /**
   * With an `Idempotency-Key` only: a digest of what makes the request this command (method, route, path
   * parameters, body, `If-Match`), so that the key answers for this request and no other (docs/adr/0021).
   */
  readonly requestDigest?: string;
  /** What must be stored before the command's events are appended (the access log's pending entry). */
  readonly beforeAppend?: BeforeAppend;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,200}$/;
const REVISION_ETAG = /^(?:W\/)?"(\d{1,19})"$/;

export function parseIfMatch(header: string | string[] | undefined): bigint | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header.join(',') : header;
  const match = REVISION_ETAG.exec(value.trim());
  if (!match) {
    throw new ProblemException(
      400,
      'INVALID_IF_MATCH',
      'If-Match is not a revision',
      'Send the ETag you received, such as "3".',
    );
  }
  return BigInt(match[1]!);
}

export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)) {
    throw new ProblemException(
      400,
      'INVALID_IDEMPOTENCY_KEY',
      'Idempotency-Key is malformed',
      'Use 8 to 200 visible ASCII characters, for example a UUID.',
    );
  }
  return header;
}

/** What a write's headers say: 400 when `If-Match` or `Idempotency-Key` is malformed. */
export function commandHeadersOf(request: FastifyRequest): CommandHeaders {
  const expectedRevision = parseIfMatch(request.headers['if-match']);
  const idempotencyKey = parseIdempotencyKey(request.headers['idempotency-key']);
  const beforeAppend = beforeAppendOf(request);
  return {
    ...(beforeAppend !== undefined ? { beforeAppend } : {}),
    correlationId: String(request.id),
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
    ...(idempotencyKey !== undefined ? { idempotencyKey, requestDigest: requestDigest(request) } : {}),
  };
}

/**
 * SHA-256 of the request as a command: method, route template, path parameters, the body as JSON with its keys
 * sorted (the same object sent with its keys in another order is the same request), and `If-Match`. It stays in
 * memory; what is stored is keyed by the idempotency key (docs/adr/0021).
 */
export function requestDigest(
  request: Pick<FastifyRequest, 'method' | 'params' | 'body' | 'headers'> & { routeOptions: { url?: string } },
): string {
  const described = canonicalJson([
    request.method,
    request.routeOptions.url ?? '',
    request.params ?? {},
    request.body ?? null,
    request.headers['if-match'] ?? null,
  ]);
  return createHash('sha256').update(described, 'utf8').digest('base64url');
}

/** JSON with every object's keys in code-point order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) =>
    nested !== null && typeof nested === 'object' && !Array.isArray(nested)
      ? Object.fromEntries(
          Object.keys(nested)
            .sort()
            .map((key) => [key, (nested as Record<string, unknown>)[key]]),
        )
      : nested,
  );
}

/** The ETag of a resource at a stream revision. */
export function etagOf(revision: bigint): string {
  return `"${revision}"`;
}
