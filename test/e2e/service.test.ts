import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '../../src/shared/event-store';
import { testDatabaseKinds } from '../support/database';
import { startTestApp, type TestApp } from '../support/app';

const PROBLEM_JSON = /^application\/problem\+json/;

describe.each(testDatabaseKinds())('the service on %s', (kind) => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ kind });
  });
  afterAll(() => service.dispose());

  it('answers liveness with a request id', async () => {
    const response = await service.request({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a caller request id that looks like one, and replaces one that does not', async () => {
    const kept = await service.request({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'trace-0001-abcd' },
    });
    expect(kept.headers['x-request-id']).toBe('trace-0001-abcd');
    const replaced = await service.request({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'Jan Peeters' },
    });
    expect(replaced.headers['x-request-id']).not.toBe('Jan Peeters');
  });

  it('is ready when the database, the event store and the projections are', async () => {
    const response = await service.request({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ready',
      checks: [
        { name: 'database', status: 'up' },
        { name: 'eventStore', status: 'up' },
        { name: 'projections', status: 'up' },
        // On a PostgreSQL server, no transaction elsewhere holds event delivery back (PGlite has no elsewhere).
        ...(kind === 'postgres' ? [{ name: 'eventStoreHorizon', status: 'up' }] : []),
      ],
    });
  });

  it('answers unknown routes with a 404 problem, never an HTML page', async () => {
    const response = await service.request({ method: 'GET', url: '/no/such/route?name=Jan' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    const problem = response.json();
    expect(problem).toMatchObject({
      type: 'urn:onthaal:problem:not-found',
      status: 404,
      code: 'NOT_FOUND',
      requestId: response.headers['x-request-id'],
    });
    // A path that matches no route is the caller's text: not repeated as `instance`.
    expect(problem.instance).toBeUndefined();
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await service.request({
      method: 'POST',
      url: '/health',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.json()).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
  });

  it('refuses a body over the size limit with a 413 problem', async () => {
    const response = await service.request({
      method: 'POST',
      url: '/health',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ note: 'x'.repeat(1024 * 1024 + 1) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('serves the OpenAPI document and its UI', async () => {
    const json = await service.request({ method: 'GET', url: '/docs-json' });
    expect(json.statusCode).toBe(200);
    const document = json.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/health', '/health/ready']));
    const ui = await service.request({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });

  it('exposes HTTP latency, append latency and projection lag to Prometheus', async () => {
    const store = service.app.get<EventStore>(EVENT_STORE);
    await store.appendToStream(`probe-${randomUUID()}`, [{ id: randomUUID(), type: 'ProbeRecorded', data: {} }], {
      expectedRevision: 'no_stream',
    });
    await service.request({ method: 'GET', url: '/health/ready' });
    const response = await service.request({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(
      /onthaal_http_request_duration_seconds_count\{method="GET",route="\/health\/ready",status="200"\} \d+/,
    );
    expect(response.body).toMatch(/onthaal_event_store_append_duration_seconds_count\{outcome="ok"\} [1-9]/);
    expect(response.body).toContain('# TYPE onthaal_projection_lag_events gauge');
    expect(response.body).toContain('# TYPE onthaal_projection_lag_seconds gauge');
  });

  it('keeps its data across a restart', async () => {
    const streamId = `probe-${randomUUID()}`;
    const eventId = randomUUID();
    await service.app
      .get<EventStore>(EVENT_STORE)
      .appendToStream(streamId, [{ id: eventId, type: 'ProbeRecorded', data: { n: 1 } }], {
        expectedRevision: 'no_stream',
      });
    service = await service.restart();
    const events = await service.app.get<EventStore>(EVENT_STORE).readStream(streamId);
    expect(events.map((event) => [event.id, event.type, event.data])).toEqual([[eventId, 'ProbeRecorded', { n: 1 }]]);
  });
});
