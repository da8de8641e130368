import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { startTestApp, type TestApp } from '../support/app';

interface MediaType {
  schema?: object;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface Response {
  content?: Record<string, MediaType>;
  'x-problem-codes'?: string[];
}
interface Operation {
  parameters?: { name: string; in: string; schema?: Record<string, unknown> }[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, Response>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, Record<string, unknown>> }> };
}

const DOCUMENT_ID = 'onthaal-openapi';

/** Validates against the document's own schemas: OpenAPI 3.0 adds `nullable` and `example` to JSON Schema. */
function validatorFor(document: OpenApi): (schema: object) => ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components });
  const compiled = new Map<string, ValidateFunction>();
  return (schema) => {
    const text = JSON.stringify(schema).replaceAll('"#/components/', `"${DOCUMENT_ID}#/components/`);
    let validate = compiled.get(text);
    if (validate === undefined) compiled.set(text, (validate = ajv.compile(JSON.parse(text) as object)));
    return validate;
  };
}

function examplesOf(media: MediaType): [string, unknown][] {
  if (media.examples !== undefined) return Object.entries(media.examples).map(([name, { value }]) => [name, value]);
  return media.example === undefined ? [] : [['example', media.example]];
}

describe('the OpenAPI document, for clients and tools', () => {
  let service: TestApp;
  let document: OpenApi;
  let operations: (readonly [string, Operation])[];

  beforeAll(async () => {
    service = await startTestApp({ kind: 'pglite' });
    document = (await service.request({ method: 'GET', url: '/docs-json' })).json<OpenApi>();
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => [`${method.toUpperCase()} ${path}`, operation] as const),
    );
  });
  afterAll(() => service.dispose());

  it('gives every body an example that passes its own schema: requests, answers and problems', () => {
    const validatorOf = validatorFor(document);
    const failures: string[] = [];
    const missing: string[] = [];
    let checked = 0;
    for (const [name, operation] of operations) {
      const bodies = [
        ...Object.entries(operation.requestBody?.content ?? {}).map(([type, media]) => [`request ${type}`, media]),
        ...Object.entries(operation.responses).flatMap(([status, response]) =>
          Object.entries(response.content ?? {}).map(([type, media]) => [`${status} ${type}`, media]),
        ),
      ] as [string, MediaType][];
      for (const [where, media] of bodies) {
        if (media.schema === undefined || where.endsWith('text/csv')) continue;
        const examples = examplesOf(media);
        if (examples.length === 0) missing.push(`${name} ${where}`);
        for (const [example, value] of examples) {
          const validate = validatorOf(media.schema);
          checked += 1;
          if (!validate(value)) failures.push(`${name} ${where} ${example}: ${JSON.stringify(validate.errors)}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(400);
  });

  it('has a request example for every operation with a body, and a success and problem examples for each', () => {
    for (const [name, operation] of operations) {
      if (operation.requestBody !== undefined) {
        expect([name, examplesOf(operation.requestBody.content['application/json']!).length]).toEqual([name, 1]);
      }
      const statuses = Object.keys(operation.responses).map(Number);
      expect([name, statuses.some((status) => status >= 200 && status < 300)]).toEqual([name, true]);
      for (const status of statuses.filter((status) => status >= 400)) {
        const problem = operation.responses[String(status)]!.content?.['application/problem+json'];
        expect([name, status, problem?.schema]).toEqual([
          name,
          status,
          { $ref: '#/components/schemas/ProblemResponse' },
        ]);
        for (const [, value] of examplesOf(problem!)) {
          expect(value).toEqual(
            expect.objectContaining({
              type: expect.stringMatching(/^urn:onthaal:problem:/),
              title: expect.any(String),
              status,
              code: expect.stringMatching(/^[A-Z][A-Z0-9_]+$/),
              detail: expect.any(String),
              requestId: expect.any(String),
            }),
          );
        }
      }
    }
  });

  it('lists the codes each problem answer can carry, from the shared texts and the operation descriptions', () => {
    const codesOf = (path: string, method: string, status: number) =>
      document.paths[path]![method]!.responses[String(status)]!['x-problem-codes'];
    expect(codesOf('/organisations', 'post', 409)).toEqual(
      expect.arrayContaining(['UNKNOWN_MUNICIPALITY', 'CONCURRENT_UPDATE']),
    );
    expect(codesOf('/organisations/{organisationId}', 'patch', 404)).toContain('ORGANISATION_NOT_FOUND');
    expect(codesOf('/organisations', 'post', 400)).toEqual(
      expect.arrayContaining(['VALIDATION_FAILED', 'INVALID_IF_MATCH', 'INVALID_IDEMPOTENCY_KEY']),
    );
    expect(codesOf('/organisations', 'post', 412)).toEqual(['REVISION_MISMATCH']);
    expect(codesOf('/organisations', 'post', 422)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(codesOf('/organisations', 'post', 403)).toEqual(['FORBIDDEN']);
    expect(codesOf('/organisations', 'get', 400)).toContain('INVALID_CURSOR');
    expect(codesOf('/contributions/{workingYear}', 'get', 404)).toContain('CONTRIBUTION_RATE_NOT_SET');
    expect(codesOf('/intake-trajectories/{trajectoryId}/closure', 'post', 404)).toContain(
      'INTAKE_TRAJECTORY_NOT_FOUND',
    );
    expect(codesOf('/clients/{clientId}', 'get', 410)).toEqual(['CLIENT_ERASED']);
    expect(codesOf('/contribution-schedule/rate-periods/{ratePeriodId}/end', 'post', 409)).toEqual(
      expect.arrayContaining(['INVALID_PERIOD', 'RATE_PERIOD_OVERLAP']),
    );
    for (const [name, operation] of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400 || status === '409' || status === '410') continue;
        expect([name, status, (response['x-problem-codes'] ?? []).length > 0]).toEqual([name, status, true]);
      }
    }
  });

  it('types integers as integers, ids in paths as UUIDs and dates as dates', () => {
    const { schemas } = document.components;
    const integers = Object.entries(schemas).flatMap(([schema, { properties }]) =>
      Object.entries(properties ?? {})
        .filter(([property]) => /(^revision|Cents|Days|Year|^year|^population|^adults|^children)$/.test(property))
        .map(([property, declared]) => [`${schema}.${property}`, declared.type]),
    );
    expect(integers.length).toBeGreaterThan(30);
    // A median of days can fall between two.
    const notIntegers = ['ResponseTimeView.medianResponseDays'];
    for (const [property, type] of integers.filter(([property]) => !notIntegers.includes(property as string))) {
      expect([property, type]).toEqual([property, 'integer']);
    }
    for (const [name, operation] of operations) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.name === 'limit') expect([name, parameter.schema?.type]).toEqual([name, 'integer']);
        if (parameter.in === 'path' && parameter.name.endsWith('Id')) {
          expect([name, parameter.name, parameter.schema?.format]).toEqual([name, parameter.name, 'uuid']);
        }
        expect([name, parameter.name, typeof parameter.schema?.type]).toEqual([name, parameter.name, 'string']);
      }
    }
    expect(schemas.IndicatorResultView?.properties?.from).toMatchObject({ type: 'string', format: 'date' });
    expect(schemas.ClientView?.properties?.registeredOn).toMatchObject({ type: 'string', format: 'date' });
  });
});
