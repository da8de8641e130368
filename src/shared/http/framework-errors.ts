import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from './problem-details';

/**
 * The security headers of every response, as `@fastify/helmet` sets them in `createApp`, for the few answers that
 * Fastify or Node.js give before any hook runs (a malformed URL, an over-long route parameter, a request line or
 * headers too large). The hostile-input test holds them equal to helmet's.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

/** The longest URL (path and query string) served; a longer one is 414 `URI_TOO_LONG`. */
export const MAX_URL_LENGTH = 4096;

/**
 * What is said about an error Fastify or Node.js raised, by status. Their own messages are not passed on: they
 * quote the URL, the content type or the body.
 */
const FRAMEWORK_PROBLEMS: Readonly<Record<number, { code: string; title: string; detail: string }>> = {
  400: { code: 'BAD_REQUEST', title: 'The request could not be processed', detail: 'The request is malformed.' },
  408: { code: 'REQUEST_TIMEOUT', title: 'Request timeout', detail: 'The request was not received in time.' },
  413: {
    code: 'PAYLOAD_TOO_LARGE',
    title: 'Payload too large',
    detail: 'The body is larger than this endpoint accepts (docs/api.md).',
  },
  414: { code: 'URI_TOO_LONG', title: 'URI too long', detail: 'The URL or one of its path segments is too long.' },
  415: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    title: 'Unsupported media type',
    detail: 'Send the body as application/json in UTF-8.',
  },
  431: {
    code: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
    title: 'Request header fields too large',
    detail: 'The request line or headers are too large.',
  },
};

/** The problem of a framework error with this 4xx status; other statuses get the 400's texts under their own. */
export function frameworkProblem(status: number): ProblemDetails {
  const known = FRAMEWORK_PROBLEMS[status] ?? { ...FRAMEWORK_PROBLEMS[400]!, code: `HTTP_${status}` };
  return { type: problemType(known.code), title: known.title, status, code: known.code, detail: known.detail };
}

/**
 * Fastify's `frameworkErrors`: the router refused the URL (malformed percent-encoding, a route parameter over
 * `maxParamLength`) before any hook or Nest's error handling could run.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status =
    error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const id = String(request.id);
  void reply
    .status(status)
    .headers({ ...SECURITY_HEADERS, 'x-request-id': id, 'content-type': PROBLEM_CONTENT_TYPE })
    .send(JSON.stringify({ ...frameworkProblem(status), requestId: id }));
}

/**
 * Node.js's `clientError`: the request could not even be parsed (headers over the limit, a broken request line).
 * There is no request object: the answer is written to the socket, with a request id of its own.
 */
export const answerClientError: NonNullable<FastifyServerOptions['clientErrorHandler']> = (error, socket: Socket) => {
  if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' || socket.destroyed) return;
  const code = (error as NodeJS.ErrnoException).code;
  const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const id = randomUUID();
  const body = JSON.stringify({ ...frameworkProblem(status), requestId: id });
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    'x-request-id': id,
    connection: 'close',
  };
  if (socket.writable) {
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`HTTP/1.1 ${status} ${frameworkProblem(status).title}\r\n${head}\r\n${body}`);
  }
  socket.destroy(error);
};
