import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { type FieldError, invalidRequest } from './problem-details';

interface DeclaredParameter {
  readonly name: string;
  readonly in: string;
  readonly schema?: { readonly format?: string };
}

interface RouteParameters {
  readonly query: ReadonlyMap<string, DeclaredParameter>;
  readonly path: ReadonlyMap<string, DeclaredParameter>;
}

/** Control characters (C0, DEL, C1): no identifier, date or name of ours holds one, and PostgreSQL refuses NUL. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern is for
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Where a query parameter the operation does not declare is reported: its name is the caller's text. */
export const UNKNOWN_QUERY_PARAMETER = '(unknown query parameter)';

/**
 * Checks the query string and path parameters of every operation against the OpenAPI document before the
 * handler's own validation runs, so that no endpoint can forget it: a repeated parameter (`asOf=a&asOf=b`) where
 * one value is expected, a control character (`%00`), or a path or query id (`format: uuid`) of another shape is a
 * 400 naming the parameter. Runs after the guards, so that a caller without access learns nothing about the route.
 */
export class RequestParametersInterceptor implements NestInterceptor {
  private readonly routes = new Map<string, RouteParameters>();

  constructor(document: OpenAPIObject) {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations as Record<string, unknown>)) {
        const declared = ((operation as { parameters?: DeclaredParameter[] }).parameters ?? []).filter(
          (parameter) => 'name' in parameter,
        );
        this.routes.set(`${method.toUpperCase()} ${path}`, {
          query: new Map(declared.filter((p) => p.in === 'query').map((p) => [p.name, p])),
          path: new Map(declared.filter((p) => p.in === 'path').map((p) => [p.name, p])),
        });
      }
    }
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const template = (request.routeOptions.url ?? '').replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const declared = this.routes.get(`${request.method} ${template}`) ?? { query: new Map(), path: new Map() };
    const problems = [
      ...parameterProblems(request.params, declared.path, 'path'),
      ...parameterProblems(request.query, declared.query, 'query'),
    ];
    if (problems.length > 0) throw invalidRequest(problems);
    return next.handle();
  }
}

function parameterProblems(
  values: unknown,
  declared: ReadonlyMap<string, DeclaredParameter>,
  where: 'path' | 'query',
): FieldError[] {
  if (typeof values !== 'object' || values === null) return [];
  const problems = new Map<string, Set<string>>();
  const add = (field: string, message: string) => problems.set(field, (problems.get(field) ?? new Set()).add(message));
  for (const [name, value] of Object.entries(values)) {
    const parameter = declared.get(name);
    // Path parameter names are the route's own; an undeclared query parameter is named by nothing it holds.
    const field = parameter !== undefined || where === 'path' ? name : UNKNOWN_QUERY_PARAMETER;
    const what = field === UNKNOWN_QUERY_PARAMETER ? 'a query parameter' : name;
    if (RESERVED_KEYS.has(name)) {
      add(field, 'a query parameter must not be named __proto__, constructor or prototype');
      continue;
    }
    if (Array.isArray(value)) {
      add(field, `${what} must be given once`);
      continue;
    }
    if (typeof value !== 'string') continue;
    if (CONTROL_CHARACTER.test(value)) add(field, `${what} must not contain control characters`);
    else if (parameter?.schema?.format === 'uuid' && !UUID.test(value)) add(field, `${name} must be a UUID`);
  }
  return [...problems].map(([field, messages]) => ({ field, messages: [...messages] }));
}
