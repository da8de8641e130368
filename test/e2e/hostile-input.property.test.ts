import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader, ROLES, type Role } from '../support/auth';
import { testDatabaseKinds } from '../support/database';
import { committedHead } from '../support/event-log';

/**
 * Hostile requests for every operation of the OpenAPI document, as every role: a repeated or control-character
 * query parameter, a malformed path parameter, a body that is no JSON, too deep, too wide or of another media
 * type, with noise in the headers. Each request breaks at least one rule, so each must be answered by a problem
 * (never a 5xx), quickly, without echoing what it sent, and without appending an event.
 *
 * `HOSTILE_INPUT_RUNS` sets the requests per operation and role (default 1: seconds in `npm test`); run it
 * long with `HOSTILE_INPUT_RUNS=5000 npx jest test/e2e/hostile-input.property.test.ts`. A failure prints the
 * counterexample and its seed, for `HOSTILE_INPUT_SEED`.
 */
const RUNS = Number(process.env.HOSTILE_INPUT_RUNS ?? 1);
const SEED = process.env.HOSTILE_INPUT_SEED === undefined ? undefined : Number(process.env.HOSTILE_INPUT_SEED);
/** Generous: a refused request takes milliseconds, but the machine may be loaded by other test runs. */
const ANSWER_WITHIN_MS = 5_000;
/** Put into every generated value and key: no answer may contain it. */
const MARK = 'Qx7Peeters';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  readonly method: (typeof METHODS)[number];
  readonly path: string;
  readonly queryNames: readonly string[];
  readonly hasBody: boolean;
  readonly bodyFields: readonly string[];
}

type OpenApi = {
  paths: Record<
    string,
    Partial<Record<string, { parameters?: { name: string; in: string }[]; requestBody?: unknown }>>
  >;
  components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
};

function operationsOf(document: OpenApi): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method] !== undefined).map((method) => {
      const operation = item[method]!;
      const ref = JSON.stringify(operation.requestBody ?? {}).match(/#\/components\/schemas\/([A-Za-z0-9_]+)/)?.[1];
      return {
        method,
        path,
        queryNames: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        hasBody: operation.requestBody !== undefined || method !== 'get',
        bodyFields: Object.keys((ref && document.components?.schemas?.[ref]?.properties) ?? {}),
      };
    }),
  );
}

const marked = (text: fc.Arbitrary<string>) => text.map((value) => `${MARK}${value}`);
const CONTROL = fc.constantFrom('\u0000', '\u0001', '\n', '\r', '\u001b', '\u007f', '\u0085');
const hostileText = fc.oneof(
  marked(fc.string({ maxLength: 40 })),
  marked(fc.string({ unit: 'binary', maxLength: 40 })),
  fc.tuple(marked(fc.string({ maxLength: 10 })), CONTROL).map(([text, control]) => `${text}${control}`),
  marked(fc.constant('x'.repeat(3_000))),
);
/** A JSON value of any shape, with marked strings and keys. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(marked(fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A query string with at least one fault: a parameter repeated, or a value with a control character. */
function hostileQuery(operation: Operation): fc.Arbitrary<string> {
  const name = fc.oneof(
    ...(operation.queryNames.length > 0 ? [fc.constantFrom(...operation.queryNames)] : []),
    marked(fc.string({ maxLength: 10 })),
    fc.constantFrom('__proto__', 'constructor', 'limit', 'cursor', 'asOf'),
  );
  const fault = fc.oneof(
    fc.tuple(name, hostileText, hostileText).map(([key, a, b]) => [
      [key, a],
      [key, b],
    ]),
    fc.tuple(name, hostileText, CONTROL).map(([key, value, control]) => [[key, `${value}${control}`]]),
  );
  return fc
    .tuple(fault, fc.array(fc.tuple(name, hostileText), { maxLength: 3 }))
    .map(([faulty, noise]) =>
      [...noise, ...faulty]
        .map(([key, value]) => `${encodeURIComponent(key!)}=${encodeURIComponent(value!)}`)
        .join('&'),
    );
}

/** A malformed value for a path parameter (ids are UUIDs; other parameters are short codes or years). */
const hostilePathValue = fc.oneof(
  hostileText,
  fc.constantFrom('%00', '%E0%A4%A', '..', '%2e%2e', '-1', '1e309', 'x'.repeat(150)),
);

/** A body and its content type with at least one fault. */
function hostileBody(operation: Operation): fc.Arbitrary<{ contentType: string | undefined; payload: string }> {
  const json = 'application/json';
  const depth = fc.integer({ min: 9, max: 20_000 });
  const known = operation.bodyFields.length > 0 ? fc.constantFrom(...operation.bodyFields) : fc.constant('name');
  return fc.oneof(
    // Another media type, or JSON in another charset.
    fc
      .tuple(
        fc.constantFrom(
          'application/x-www-form-urlencoded',
          'text/plain',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/json; charset=latin1',
          `application/${MARK}`,
        ),
        hostileText,
      )
      .map(([contentType, text]) => ({
        contentType,
        payload: `${encodeURIComponent(MARK)}=${encodeURIComponent(text)}`,
      })),
    // Not JSON at all.
    hostileText.map((text) => ({ contentType: json, payload: `{"${MARK}": ${text}` })),
    // Deeper than any schema.
    fc.tuple(depth, fc.boolean()).map(([levels, arrays]) => ({
      contentType: json,
      payload: arrays
        ? `${'['.repeat(levels)}${']'.repeat(levels)}`
        : `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`,
    })),
    // Wider than any schema, or a list longer than any.
    fc.integer({ min: 65, max: 100_000 }).map((keys) => ({
      contentType: json,
      payload: `{${Array.from({ length: keys }, (_, index) => `"${MARK}${index}":0`).join(',')}}`,
    })),
    fc.tuple(known, fc.integer({ min: 201, max: 100_000 })).map(([field, items]) => ({
      contentType: json,
      payload: JSON.stringify({ [field]: Array(items).fill(MARK) }),
    })),
    // Prototype keys where a map might be.
    fc
      .tuple(known, fc.constantFrom('__proto__', 'constructor', 'prototype'), hostileValue)
      .map(([field, key, value]) => ({
        contentType: json,
        payload: `{"${field}":{"${key}":${JSON.stringify(value) ?? 'null'}}}`,
      })),
    // Known fields with values of any shape, and an unknown field.
    fc
      .tuple(fc.dictionary(known, hostileValue, { maxKeys: 6 }), marked(fc.string({ maxLength: 20 })), hostileValue)
      .map(([fields, unknown, value]) => ({
        contentType: json,
        payload: JSON.stringify({ ...fields, [unknown]: value }),
      })),
    // A top level that is not an object.
    hostileValue
      .filter((value) => typeof value !== 'object' || value === null || Array.isArray(value))
      .map((value) => ({ contentType: json, payload: JSON.stringify(value) ?? 'null' })),
  );
}

const noiseHeaders = fc.record(
  {
    'if-match': fc.oneof(
      hostileText.map((text) => text.replace(/[^\x20-\x7e]/g, '')),
      fc.constant('"1"'),
    ),
    'idempotency-key': fc.oneof(
      fc.constant(`${MARK}-0000-0001`),
      marked(fc.string({ maxLength: 300 })).map((text) => text.replace(/[^\x20-\x7e]/g, '')),
    ),
    accept: fc.constantFrom('text/csv', '*/*', 'application/xml', `text/${MARK}`),
    // A plausible request id is kept and repeated by design (README): noise, but never marked.
    'x-request-id': fc.string({ maxLength: 140 }).map((text) => text.replace(/[^\x20-\x7e]/g, '')),
    'accept-language': fc.constantFrom('nl-BE', MARK),
  },
  { requiredKeys: [] },
);

interface HostileRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string;
}

/** A request for the operation with at least one fault: in the path, the query string or the body. */
function hostileRequest(operation: Operation): fc.Arbitrary<HostileRequest> {
  const pathParams = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const faults = [
    ...(pathParams.length > 0 ? ['path' as const] : []),
    'query' as const,
    ...(operation.hasBody ? ['body' as const] : []),
  ];
  return fc
    .record({
      fault: fc.constantFrom(...faults),
      pathValues: fc.array(hostilePathValue, { minLength: pathParams.length, maxLength: pathParams.length }),
      query: hostileQuery(operation),
      body: operation.hasBody ? hostileBody(operation) : fc.constant(undefined),
      headers: noiseHeaders,
    })
    .map(({ fault, pathValues, query, body, headers }) => {
      let path = operation.path;
      pathParams.forEach((name, index) => {
        const value = fault === 'path' ? pathValues[index]! : '3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11';
        path = path.replace(`{${name}}`, /%/.test(value) ? value : encodeURIComponent(value));
      });
      const url = fault === 'query' ? `${path}?${query}` : path;
      const withBody = body !== undefined && (fault === 'body' || operation.method !== 'get');
      return {
        url,
        headers: {
          ...headers,
          ...(withBody && body.contentType !== undefined ? { 'content-type': body.contentType } : {}),
        },
        ...(withBody ? { payload: body.payload } : {}),
      };
    });
}

describe.each(testDatabaseKinds())('hostile input, generated for every operation (on %s)', (kind) => {
  let service: TestApp;
  let operations: Operation[];
  const tokens = new Map<Role, Record<string, string>>();

  beforeAll(async () => {
    service = await startTestApp({
      kind,
      env: { RATE_LIMIT_PER_USER: '1000000', RATE_LIMIT_PER_IP: '1000000' },
    });
    const document = (await service.request({ method: 'GET', url: '/docs-json' })).json<OpenApi>();
    operations = operationsOf(document);
    for (const role of ROLES) tokens.set(role, await authHeader({ role }));
  });
  afterAll(() => service.dispose());

  it('covers the whole OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.filter((operation) => operation.bodyFields.length > 0).length).toBeGreaterThan(20);
  });

  it('answers every hostile request with a problem, quickly, echoing nothing and appending nothing', async () => {
    const head = () => committedHead(service.app.get(DataSource));
    const before = await head();
    for (const operation of operations) {
      for (const role of ROLES) {
        await fc.assert(
          fc.asyncProperty(hostileRequest(operation), async (hostile) => {
            const started = performance.now();
            const response: LightMyRequestResponse = await service.request({
              method: operation.method.toUpperCase(),
              url: hostile.url,
              headers: { ...hostile.headers, ...tokens.get(role) },
              ...(hostile.payload === undefined ? {} : { payload: hostile.payload }),
            });
            const elapsed = performance.now() - started;
            const context = `${operation.method.toUpperCase()} ${operation.path} as ${role}: ${response.statusCode} ${response.body.slice(0, 300)}`;
            expect([context, response.statusCode >= 400 && response.statusCode < 500]).toEqual([context, true]);
            expect([context, response.headers['content-type']]).toEqual([
              context,
              expect.stringMatching(/^application\/problem\+json/),
            ]);
            expect([context, typeof response.json<{ code?: unknown }>().code]).toEqual([context, 'string']);
            expect([context, response.body.includes(MARK)]).toEqual([context, false]);
            expect([context, elapsed < ANSWER_WITHIN_MS]).toEqual([context, true]);
          }),
          { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
        );
      }
    }
    expect(await head()).toEqual(before);
  }, 600_000);
});
