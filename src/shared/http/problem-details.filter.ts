import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { EventStoreUnavailable, InvalidAppend } from '../event-store';
import { DomainError, type DomainErrorKind, DomainRuleViolation } from '../domain/domain-error';
import { describeErrorForLog } from '../observability/logging';
import { frameworkProblem } from './framework-errors';
import {
  MAX_LISTED_ERRORS,
  PROBLEM_CONTENT_TYPE,
  type ProblemDetails,
  ProblemException,
  problemType,
} from './problem-details';
// A refusal that lists ids to act on: ids only (docs/api.md, "Problems").
import { RefusalListingIds } from '../domain/domain-error';

const STATUS_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  428: 'PRECONDITION_REQUIRED',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** The one place where the domain's error kinds become HTTP statuses. */
const DOMAIN_ERROR_PROBLEMS: Readonly<Record<DomainErrorKind, { status: number; title: string }>> = {
  'invalid-input': { status: 400, title: 'The request is invalid' },
  'access-denied': { status: 403, title: 'Access denied' },
  'not-found': { status: 404, title: 'Not found' },
  gone: { status: 410, title: 'Gone' },
  refused: { status: 409, title: 'The command was refused by a business rule' },
  'concurrent-update': { status: 409, title: 'The resource is being changed by others' },
  'stale-revision': { status: 412, title: 'The resource has changed since you read it' },
  'key-reused': { status: 422, title: 'The Idempotency-Key was used for another request' },
};

/** How long a client should wait before retrying after a 503: connections are usually back within seconds. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * Turns every error into RFC 9457 problem details. Unknown errors become a 500 whose body says nothing about
 * the cause (the log has the error, keyed by request id); messages of framework errors are kept only where they
 * describe the request, never its data.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const instance = instanceOf(request);
    const problem = {
      ...this.toProblem(exception),
      ...(instance === undefined ? {} : { instance }),
      requestId: String(request.id),
    };
    if (problem.status >= 500) {
      this.logger.error({ msg: 'request failed', problem: problem.code, ...describeErrorForLog(exception) });
    }
    // Every 503 is a dependency that is expected back: say when to try again.
    if (problem.status === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) {
      const body = exception.getResponse() as { title: string; detail?: string };
      return problem(exception.getStatus(), exception.code, body.title, body.detail, exception.errors);
    }
    if (exception instanceof RefusalListingIds) {
      const { status, title } = DOMAIN_ERROR_PROBLEMS[exception.kind];
      return { ...problem(status, exception.code, title, exception.detail), ...exception.ids };
    }
    if (exception instanceof DomainError) {
      const { status, title } = DOMAIN_ERROR_PROBLEMS[exception.kind];
      const fields = 'fields' in exception ? (exception.fields as ProblemDetails['errors']) : undefined;
      const answer = problem(status, exception.code, title, exception.detail, fields);
      const validValues = exception instanceof DomainRuleViolation ? exception.validValues : undefined;
      return validValues === undefined ? answer : { ...answer, validValues: [...validValues] };
    }
    if (exception instanceof EventStoreUnavailable) {
      return problem(503, exception.code, 'The event store is unavailable', 'Try again shortly.');
    }
    if (isDatabaseUnavailable(exception)) {
      return problem(503, 'DATABASE_UNAVAILABLE', 'The database is unavailable', 'Try again shortly.');
    }
    if (exception instanceof InvalidAppend) {
      return problem(400, exception.code, 'The events are invalid', exception.reason);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return problem(status, STATUS_CODES[status] ?? `HTTP_${status}`, titleOf(exception), detailOf(exception));
    }
    const status = statusOfFrameworkError(exception);
    if (status !== undefined) return frameworkProblem(status);
    return problem(500, 'INTERNAL_ERROR', 'Internal server error', 'The error has been logged.');
  }
}

function problem(
  status: number,
  code: string,
  title: string,
  detail?: string,
  errors?: ProblemDetails['errors'],
): ProblemDetails {
  // A hostile body can break every rule at once: the first errors say what is wrong, the count how much more.
  const listed = errors && errors.length > MAX_LISTED_ERRORS ? errors.slice(0, MAX_LISTED_ERRORS) : errors;
  return {
    type: problemType(code),
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(listed ? { errors: listed } : {}),
    ...(errors && listed && errors.length > listed.length ? { errorsNotListed: errors.length - listed.length } : {}),
  };
}

function titleOf(exception: HttpException): string {
  return (
    HttpStatus[exception.getStatus()]
      ?.toLowerCase()
      .replaceAll('_', ' ')
      .replace(/^./, (c) => c.toUpperCase()) ?? exception.message
  );
}

function detailOf(exception: HttpException): string | undefined {
  // Nest's "Cannot GET /path?query" quotes the URL.
  if (exception instanceof NotFoundException && /^Cannot [A-Z]+ /.test(exception.message)) return 'No such route.';
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}

/** Fastify's own errors (body too large, unsupported media type, a bad content length) carry a 4xx statusCode. */
function statusOfFrameworkError(exception: unknown): number | undefined {
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** A path parameter that is one of our ids or a number: safe to repeat. Anything else could be the caller's text. */
const PLAIN_PARAMETER = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{1,10})$/i;

/**
 * The problem's `instance`: the route with its ids filled in (`/organisations/0b1e…`), a parameter of another
 * shape left as its name (`/organisations/:organisationId`); none for a path that matches no route, which is all
 * the caller's text.
 */
function instanceOf(request: FastifyRequest): string | undefined {
  const template = request.routeOptions?.url;
  if (template === undefined) return undefined;
  const params = (request.params ?? {}) as Record<string, unknown>;
  return template.replace(/:([A-Za-z0-9_]+)/g, (placeholder, name: string) => {
    const value = params[name];
    return typeof value === 'string' && PLAIN_PARAMETER.test(value) ? value : placeholder;
  });
}
