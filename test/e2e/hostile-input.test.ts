import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { DataSource } from 'typeorm';
import type { LightMyRequestResponse } from 'fastify';
import { SECURITY_HEADERS } from '../../src/shared/http/framework-errors';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';
import { committedHead } from '../support/event-log';

const PROBLEM_JSON = /^application\/problem\+json/;
/** What a refused hostile request may take on a loaded machine; unfixed, the slowest took about 10 s. */
const FAST_MS = 2_500;
const SOME_ID = '3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11';
/** Personal data a caller might put where a value or a field name goes: never to be seen in an answer. */
const NAME = 'Jan Peeters';
const INSZ = '85073003328';

type Headers = Record<string, string>;

/**
 * Sends raw bytes to the listening service and returns the raw answer, once complete. The socket is left open for
 * writing: a server that answers before reading a whole request must not see it end early.
 */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    const answer = () => Buffer.concat(chunks).toString('utf8');
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const [head, body] = answer().split('\r\n\r\n');
      const length = /content-length:\s*(\d+)/i.exec(head ?? '');
      if (body !== undefined && length && Buffer.byteLength(body) >= Number(length[1])) {
        socket.destroy();
        resolve(answer());
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may reset the connection after answering a request it refused to read.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') resolve(answer());
      else reject(error);
    });
    socket.on('close', () => resolve(answer()));
  });
}

function parseRaw(answer: string): { status: number; headers: Headers; body: string } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

describe.each(testDatabaseKinds())('hostile input (on %s)', (kind) => {
  let service: TestApp;
  let as: Record<'admin' | 'socialWorker' | 'analyst', Headers>;

  beforeAll(async () => {
    service = await startTestApp({ kind, env: { RATE_LIMIT_PER_USER: '100000', RATE_LIMIT_PER_IP: '100000' } });
    as = {
      admin: await authHeader({ role: 'admin' }),
      socialWorker: await authHeader({ role: 'social_worker' }),
      analyst: await authHeader({ role: 'analyst' }),
    };
  });
  afterAll(() => service.dispose());

  const head = () => committedHead(service.app.get(DataSource));
  const send = (method: string, url: string, headers: Headers, payload?: string | object) =>
    service.request({
      method: method,
      url,
      headers: { 'content-type': 'application/json', ...headers },
      ...(payload === undefined ? {} : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
    });
  const expectProblem = (response: LightMyRequestResponse, status: number, code?: string) => {
    expect({ status: response.statusCode, type: response.headers['content-type'] }).toEqual({
      status,
      type: expect.stringMatching(PROBLEM_JSON),
    });
    const problem = response.json<{ code: string; requestId: string; errors?: { field: string }[] }>();
    if (code) expect(problem.code).toBe(code);
    expect(problem.requestId).toBe(response.headers['x-request-id']);
    return problem;
  };
  const fieldsOf = (response: LightMyRequestResponse) =>
    response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field);

  describe('bodies that cost much to check', () => {
    const manyKeys = (count: number) => `{${Array.from({ length: count }, (_, index) => `"k${index}":0`).join(',')}}`;

    it('refuses 80,000 unknown keys and 100,000 items in milliseconds, while /health answers', async () => {
      const before = await head();
      const hostile = [
        // Over the default limit: refused as it arrives.
        send('POST', '/organisations', as.admin, manyKeys(80_000)),
        send('POST', '/organisations', as.admin, { name: 'Centrum', sectors: Array(100_000).fill('x') }),
        // Under the 1 MiB limit of the largest command: refused by the body's shape, before any validation.
        send('POST', '/municipalities', as.admin, manyKeys(80_000)),
        send('POST', '/municipalities', as.admin, { name: 'Kortrijk', populations: Array(100_000).fill(0) }),
      ];
      const started = Date.now();
      const health = await service.request({ method: 'GET', url: '/health' });
      const answers = await Promise.all(hostile);
      expect(health.statusCode).toBe(200);
      expect(Date.now() - started).toBeLessThan(FAST_MS);
      expect(answers.map((answer) => answer.statusCode)).toEqual([413, 413, 400, 400]);
      for (const answer of answers) expectProblem(answer, answer.statusCode);
      expect(answers[2]!.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'body', messages: ['an object in the body must not hold more than 64 fields'] }],
      });
      expect(answers[3]!.json()).toMatchObject({
        errors: [{ field: 'body', messages: ['a list in the body must not hold more than 200 items'] }],
      });
      expect(await head()).toEqual(before);
    });

    it('lists the first 20 invalid fields of a 400 and counts the rest', async () => {
      const populations = Array.from({ length: 150 }, () => ({ year: 1, population: -1 }));
      const response = await send('POST', '/municipalities', as.admin, { populations });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      const problem = response.json<{ errors: unknown[]; errorsNotListed: number }>();
      expect(problem.errors).toHaveLength(20);
      expect(problem.errorsNotListed).toBeGreaterThan(280);
    });

    it('refuses JSON nested deeper than any schema with a 400, before transformation', async () => {
      const deep = `{"populations":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
      const response = await send('POST', '/municipalities', as.admin, deep);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(response.json()).toMatchObject({
        errors: [{ field: 'body', messages: ['the body must not nest objects and lists more than 8 levels deep'] }],
      });
      const nestedObjects = await send(
        'POST',
        '/organisations',
        as.admin,
        `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`,
      );
      expectProblem(nestedObjects, 400, 'VALIDATION_FAILED');
    });

    it('refuses constructor, __proto__ and prototype keys in a map-like field with a 400', async () => {
      for (const key of ['constructor', '__proto__', 'prototype']) {
        const response = await send('POST', `/intake-trajectories/${SOME_ID}/assessments`, as.socialWorker, {
          occurredOn: '2024-01-01',
          scores: { [key]: 3 },
        });
        // JSON.stringify keeps `__proto__` as an own key, as a hostile client would send it.
        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(response)).toEqual(['body']);
      }
      const asText = await send(
        'POST',
        `/intake-trajectories/${SOME_ID}/assessments`,
        as.socialWorker,
        '{"occurredOn":"2024-01-01","scores":{"__proto__":{"finances":1}}}',
      );
      expectProblem(asText, 400, 'VALIDATION_FAILED');
    });

    it('refuses unknown keys in nested objects and never names an unknown key', async () => {
      const response = await send('POST', '/clients', as.socialWorker, {
        [NAME]: INSZ,
        givenName: 'Jan',
        familyName: 'Peeters',
        birthDate: '1985-07-30',
        municipalityId: SOME_ID,
        address: { street: 'Grote Markt', houseNumber: '1', postalCode: '8500', place: 'Kortrijk', [INSZ]: 1 },
        household: { [`${NAME} ${INSZ}`]: true },
        mainIncomeSource: 'work',
      });
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response)).toEqual(expect.arrayContaining(['(unknown fields)', 'address', 'household']));
      expect(response.body).not.toContain(NAME);
      expect(response.body).not.toContain(INSZ);
      // An unknown life domain in `scores` is counted, not named: intake.test.ts (it needs an open trajectory).
    });
  });

  it('answers a look-up whose name is an object with a 400, not a 500 (found by the property-based test)', async () => {
    const response = await send('POST', '/clients/lookups', as.socialWorker, { familyName: {}, [NAME]: NAME });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body).not.toContain(NAME);
  });

  describe('query strings and path parameters', () => {
    it('refuses a control character in a query or path parameter with a 400 naming it', async () => {
      for (const url of [
        '/impact/indicators/reach_per_1000?municipalityId=%00',
        '/impact/indicators/reach_per_1000?organisationId=a%00b',
        '/impact/indicators/reach_per_1000?asOf=2024-01-01%00',
        '/impact/indicators/reach%00per_1000',
      ]) {
        const response = await send('GET', url, as.analyst);
        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(fieldsOf(response)).toHaveLength(1);
        expect(fieldsOf(response)[0]).toMatch(/^(municipalityId|organisationId|asOf|code)$/);
      }
      const inPath = await send('GET', '/municipalities/%00', as.analyst);
      expectProblem(inPath, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(inPath)).toEqual(['municipalityId']);
    });

    it('refuses a malformed id in a query before it reaches a look-up', async () => {
      const response = await send('GET', `/impact/indicators/reach_per_1000?municipalityId=${NAME}`, as.analyst);
      expectProblem(response, 400, 'VALIDATION_FAILED');
      expect(fieldsOf(response)).toEqual(['municipalityId']);
      expect(response.body).not.toContain(NAME);
    });

    it('refuses a repeated query parameter where one value is expected, on every kind of endpoint', async () => {
      for (const url of [
        '/impact/indicators/reach_per_1000?asOf=2024-01-01&asOf=2024-02-01',
        `/intake-trajectories/${SOME_ID}?asOf=2024-01-01&asOf=2024-02-01`,
        '/organisations?limit=1&limit=2',
      ]) {
        const response = await send('GET', url, url.startsWith('/impact') ? as.analyst : as.socialWorker);
        expectProblem(response, 400, 'VALIDATION_FAILED');
        expect(response.json<{ errors: { messages: string[] }[] }>().errors[0]!.messages[0]).toMatch(/given once/);
      }
      const unknown = await send(
        'GET',
        `/organisations?${encodeURIComponent(NAME)}=1&${encodeURIComponent(NAME)}=2`,
        as.admin,
      );
      expectProblem(unknown, 400, 'VALIDATION_FAILED');
      expect(unknown.body).not.toContain('Jan');
    });
  });

  describe('content types', () => {
    it('answers 415 for every content type but JSON in UTF-8, echoing nothing', async () => {
      const form = await service.request({
        method: 'POST',
        url: '/clients',
        headers: { ...as.socialWorker, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `${encodeURIComponent(NAME)}=${INSZ}`,
      });
      expectProblem(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(form.body).not.toContain('Jan');
      expect(form.body).not.toContain(INSZ);
      for (const contentType of ['text/plain', 'multipart/form-data; boundary=x', 'application/xml', `text/${NAME}`]) {
        const response = await service.request({
          method: 'POST',
          url: '/organisations',
          headers: { ...as.admin, 'content-type': contentType },
          payload: '{"name":"x"}',
        });
        expectProblem(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
        expect(response.body).not.toContain('Jan');
      }
      const latin1 = await send(
        'POST',
        '/organisations',
        { ...as.admin, 'content-type': 'application/json; charset=iso-8859-1' },
        '{}',
      );
      expectProblem(latin1, 415, 'UNSUPPORTED_MEDIA_TYPE');
      const utf8 = await send(
        'POST',
        '/organisations',
        { ...as.admin, 'content-type': 'application/json; charset=UTF-8' },
        '{}',
      );
      expectProblem(utf8, 400, 'VALIDATION_FAILED');
    });

    it('answers malformed JSON without quoting it', async () => {
      // JSON.parse's own message would quote the start of this one.
      for (const payload of [`${NAME} ${INSZ}`, `{"name": "${NAME}" ${INSZ}`]) {
        const response = await send('POST', '/organisations', as.admin, payload);
        expectProblem(response, 400, 'BAD_REQUEST');
        expect(response.body).not.toContain('Jan');
        expect(response.body).not.toContain(INSZ);
      }
    });
  });

  describe("Fastify's and Node's own errors", () => {
    let port: number;

    beforeAll(async () => {
      await service.app.listen({ port: 0, host: '127.0.0.1' });
      port = (service.app.getHttpServer().address() as AddressInfo).port;
    });

    const expectRawProblem = (answer: string, status: number, code: string) => {
      const { status: actual, headers, body } = parseRaw(answer);
      expect(actual).toBe(status);
      expect(headers['content-type']).toMatch(PROBLEM_JSON);
      const problem = JSON.parse(body) as { code: string; status: number; requestId: string };
      expect(problem).toMatchObject({ code, status });
      expect(problem.requestId).toBe(headers['x-request-id']);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        if (name !== 'content-security-policy') expect(headers[name]).toBe(value);
      }
      expect(headers['content-security-policy']).toBeDefined();
      expect(body).not.toContain('Jan');
    };

    it('gives its fixed security headers the values helmet gives every other answer', async () => {
      const normal = await service.request({ method: 'GET', url: '/no-such-route' });
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        if (name !== 'content-security-policy') expect([name, normal.headers[name]]).toEqual([name, value]);
      }
    });

    it('answers headers over the limit with a 431 problem', async () => {
      const answer = await rawRequest(
        port,
        `GET /health HTTP/1.1\r\nHost: x\r\nX-Name: ${NAME}${'a'.repeat(20_000)}\r\n\r\n`,
      );
      expectRawProblem(answer, 431, 'REQUEST_HEADER_FIELDS_TOO_LARGE');
    });

    it('answers a malformed request line with a 400 problem', async () => {
      const answer = await rawRequest(port, `GET /health ${NAME}\r\n\r\n`);
      expectRawProblem(answer, 400, 'BAD_REQUEST');
    });

    it('answers a malformed URL and an over-long path parameter as problems', async () => {
      expectRawProblem(
        await rawRequest(port, `GET /municipalities/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n`),
        400,
        'BAD_REQUEST',
      );
      expectRawProblem(
        await rawRequest(port, `GET /municipalities/Jan${'a'.repeat(200)} HTTP/1.1\r\nHost: x\r\n\r\n`),
        414,
        'URI_TOO_LONG',
      );
      expectRawProblem(
        await rawRequest(port, `GET /organisations?name=Jan${'a'.repeat(5_000)} HTTP/1.1\r\nHost: x\r\n\r\n`),
        414,
        'URI_TOO_LONG',
      );
    });

    it('answers a body over the limit and a body that is not JSON as problems', async () => {
      // Over the 16 KiB most commands accept.
      const body = JSON.stringify({ givenName: `${NAME}${'a'.repeat(20_000)}` });
      expectRawProblem(
        await rawRequest(
          port,
          `POST /clients HTTP/1.1\r\nHost: x\r\nAuthorization: ${as.socialWorker.authorization}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        ),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      expectRawProblem(
        await rawRequest(
          port,
          `POST /organisations HTTP/1.1\r\nHost: x\r\nAuthorization: ${as.admin.authorization}\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\nJan`,
        ),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    });
  });
});
