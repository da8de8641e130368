import type { OpenAPIObject } from '@nestjs/swagger';
import { problemType } from './problem-details';

/**
 * Completes the OpenAPI document for clients and tools: every body gets an example composed from its schema (the
 * properties' own `example`s where they have one, a value of the declared type and format otherwise), so that an
 * example cannot drift from the schema it illustrates; every problem answer is `application/problem+json` with the
 * codes it can carry (`x-problem-codes`) and an example per code. Works on a copy: the request-parameter check is
 * built from the document as the decorators wrote it.
 */
export function completeDocument(source: OpenAPIObject): OpenAPIObject {
  const document = structuredClone(source);
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const examples = new ExampleComposer(schemas);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (operation === undefined) continue;
      for (const parameter of operation.parameters ?? []) {
        // `@ApiQuery` without a type gives no schema; every query value arrives as text.
        if ('name' in parameter && Object.keys(parameter.schema ?? {}).length === 0) {
          parameter.schema = { type: 'string' };
        }
      }
      for (const media of Object.values(operation.requestBody?.content ?? {})) addExample(media, examples);
      const codes = problemCodesOf(operation);
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (Number(status) >= 400) describeProblem(response, Number(status), codes, `${method} ${path}`);
        else for (const media of Object.values(response.content ?? {})) addExample(media, examples);
      }
    }
  }
  return document;
}

/** The part of OpenAPI's schema object this step reads. */
export interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly example?: unknown;
  readonly default?: unknown;
  readonly nullable?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly items?: Schema;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: Schema | boolean;
  readonly allOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
}

interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, { summary?: string; value: unknown }>;
}

interface Response {
  description?: string;
  content?: Record<string, MediaType>;
  'x-problem-codes'?: string[];
}

interface Operation {
  description?: string;
  parameters?: ({ name: string; in: string; schema?: Schema } | { $ref: string })[];
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, Response>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Values of a format that pass its check; the same in every example, so that examples read as one story. */
const FORMAT_EXAMPLES: Readonly<Record<string, unknown>> = {
  uuid: '3f6c2a4e-9b1d-4c8e-a7f2-5d0b8e1c6a93',
  date: '2025-03-14',
  'date-time': '2025-03-14T09:30:00.000Z',
  email: 'onthaal@example.org',
  uri: 'https://example.org/',
};

/** Deeper than any view of ours; a schema that refers to itself ends in an empty object there. */
const MAX_DEPTH = 40;

/** Composes an example value from a schema. */
export class ExampleComposer {
  constructor(private readonly schemas: Readonly<Record<string, Schema>>) {}

  exampleOf(schema: Schema, depth = 0): unknown {
    if (schema.$ref !== undefined) {
      const target = this.schemas[schema.$ref.replace('#/components/schemas/', '')];
      return target === undefined || depth > MAX_DEPTH ? {} : this.exampleOf(target, depth + 1);
    }
    if (schema.example !== undefined) return schema.example;
    if (schema.enum !== undefined && schema.enum.length > 0) return schema.enum[0];
    const [first] = schema.allOf ?? schema.oneOf ?? schema.anyOf ?? [];
    if (schema.allOf !== undefined && schema.allOf.length > 1) {
      return Object.assign({}, ...(schema.allOf.map((part) => this.exampleOf(part, depth + 1)) as object[])) as unknown;
    }
    if (first !== undefined) return this.exampleOf(first, depth + 1);
    if (schema.default !== undefined) return schema.default;
    switch (schema.type) {
      case 'integer':
      case 'number':
        return Math.min(schema.minimum ?? 1, schema.maximum ?? Number.MAX_SAFE_INTEGER);
      case 'boolean':
        return true;
      case 'string':
        return this.text(schema);
      case 'array': {
        const item = schema.items === undefined || depth > MAX_DEPTH ? 'text' : this.exampleOf(schema.items, depth + 1);
        return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => item);
      }
      default:
        return this.objectOf(schema, depth);
    }
  }

  private text(schema: Schema): unknown {
    const formatted = schema.format === undefined ? undefined : FORMAT_EXAMPLES[schema.format];
    if (formatted !== undefined) return formatted;
    const text = 'text'.padEnd(schema.minLength ?? 0, 'x');
    return schema.maxLength === undefined ? text : text.slice(0, schema.maxLength);
  }

  private objectOf(schema: Schema, depth: number): Record<string, unknown> {
    const value: Record<string, unknown> = {};
    if (depth > MAX_DEPTH) return value;
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      value[name] = this.exampleOf(property, depth + 1);
    }
    if (typeof schema.additionalProperties === 'object') {
      value.key = this.exampleOf(schema.additionalProperties, depth + 1);
    }
    return value;
  }
}

function addExample(media: MediaType, examples: ExampleComposer): void {
  if (media.schema === undefined || media.example !== undefined || media.examples !== undefined) return;
  media.example = examples.exampleOf(media.schema);
}

/** The codes every endpoint's problem answer of a status can carry (docs/api.md, "Errors"). */
const GENERIC_CODES: Readonly<Record<number, readonly string[]>> = {
  400: ['VALIDATION_FAILED', 'BAD_REQUEST'],
  401: ['UNAUTHENTICATED'],
  403: ['FORBIDDEN'],
  404: ['NOT_FOUND'],
  409: [],
  410: [],
  412: ['REVISION_MISMATCH'],
  422: ['IDEMPOTENCY_KEY_REUSED'],
  429: ['RATE_LIMITED'],
  503: ['DATABASE_UNAVAILABLE', 'EVENT_STORE_UNAVAILABLE', 'SERVICE_UNAVAILABLE'],
};

/** A stable code as the descriptions quote it: `UPPER_SNAKE` in backticks, or after the word "code". */
const QUOTED_CODE = /`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`|\bcode ([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g;
const STATUS = /\b([45]\d\d)\b/g;

/**
 * The codes each problem status of an operation can carry: the generic ones, those its response descriptions
 * quote, and those its description quotes after a status in the same sentence ("refused with 409 `X`, `Y` when …").
 */
function problemCodesOf(operation: Operation): Map<number, Set<string>> {
  const codes = new Map<number, Set<string>>();
  const parameters = new Set(
    (operation.parameters ?? []).map((parameter) => ('name' in parameter ? parameter.name : '')),
  );
  const add = (status: number, code: string) => {
    if (operation.responses?.[String(status)] !== undefined)
      codes.set(status, (codes.get(status) ?? new Set()).add(code));
  };
  for (const status of Object.keys(operation.responses ?? {}).map(Number)) {
    for (const code of GENERIC_CODES[status] ?? []) add(status, code);
    for (const code of quotedCodes(operation.responses?.[status]?.description ?? '')) add(status, code);
  }
  if (parameters.has('If-Match')) add(400, 'INVALID_IF_MATCH');
  if (parameters.has('Idempotency-Key')) {
    add(400, 'INVALID_IDEMPOTENCY_KEY');
    add(409, 'CONCURRENT_UPDATE');
  }
  if (parameters.has('cursor')) add(400, 'INVALID_CURSOR');
  for (const sentence of (operation.description ?? '').split(/(?<=[.;:])\s+/)) {
    let status: number | undefined;
    const marks = [...sentence.matchAll(STATUS)].map((match) => ({ at: match.index, status: Number(match[1]) }));
    for (const match of sentence.matchAll(QUOTED_CODE)) {
      status = marks.filter((mark) => mark.at < match.index).at(-1)?.status ?? status;
      if (status !== undefined) add(status, match[1] ?? match[2]!);
    }
  }
  return codes;
}

function quotedCodes(text: string): string[] {
  return [...text.matchAll(QUOTED_CODE)].map((match) => match[1] ?? match[2]!);
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'The request is invalid',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Refused by a business rule',
  410: 'Gone',
  412: 'The revision has moved on',
  422: 'The idempotency key was used for another request',
  429: 'Too many requests',
  503: 'Service unavailable',
};

/** A problem answer: RFC 9457 (`application/problem+json`), its codes, and an example body for each. */
function describeProblem(response: Response, status: number, codes: Map<number, Set<string>>, operation: string): void {
  const listed = [...(codes.get(status) ?? [])];
  response['x-problem-codes'] = listed;
  const examples = Object.fromEntries(
    listed.map((code) => [code, { summary: code, value: problemExample(status, code, operation) }]),
  );
  response.content = {
    'application/problem+json': {
      schema: { $ref: '#/components/schemas/ProblemResponse' },
      ...(listed.length > 0 ? { examples } : { example: problemExample(status, `HTTP_${status}`, operation) }),
    },
  };
}

function problemExample(status: number, code: string, operation: string): Record<string, unknown> {
  return {
    type: problemType(code),
    title: TITLES[status] ?? 'Problem',
    status,
    code,
    detail: `What went wrong, without personal data (${operation}).`,
    requestId: '8d3e5f1a-2b4c-4d6e-9f80-1a2b3c4d5e6f',
    ...(code === 'VALIDATION_FAILED' ? { errors: [{ field: 'name', messages: ['name must be a string'] }] } : {}),
  };
}
