import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException } from './problem-details';

/** What a command endpoint reads from the request besides its body. */
export interface CommandHeaders {
  /** From `If-Match: "<revision>"`: the stream revision the client last saw. */
  readonly expectedRevision?: bigint;
  /** From `Idempotency-Key`: retries with the same key are answered from the first call and write nothing. */
  readonly idempotencyKey?: string;
  /** The request id, used as the events' correlation id. */
  readonly correlationId: string;
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

/** `@Command() headers: CommandHeaders` in a command endpoint's parameters. */
export const Command = createParamDecorator((_data: unknown, context: ExecutionContext): CommandHeaders => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  const expectedRevision = parseIfMatch(request.headers['if-match']);
  const idempotencyKey = parseIdempotencyKey(request.headers['idempotency-key']);
  return {
    correlationId: String(request.id),
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
  };
});

/** The ETag of a resource at a stream revision. */
export function etagOf(revision: bigint): string {
  return `"${revision}"`;
}

export function setEtag(reply: FastifyReply, revision: bigint): void {
  void reply.header('etag', etagOf(revision));
}
