import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-test-server';

/**
 * The service configured for EventStoreDB (docs/architecture.md §4): events go to the EventStoreDB test server, read
 * models to PGlite, and projections follow `$all` through the real client.
 */
describe('the service on EventStoreDB', () => {
  let esdb: EsdbTestServer;
  let service: TestApp;
  let admin: { authorization: string };

  beforeAll(async () => {
    esdb = await startEsdbTestServer({ batchAppend: true });
    service = await startTestApp({
      kind: 'pglite',
      env: { EVENTSTORE_CONNECTION_STRING: esdb.connectionString },
    });
    admin = await authHeader({ role: 'admin' });
  });
  afterAll(async () => {
    await service.dispose();
    await esdb.stop();
  });

  const kortrijk = async (): Promise<string> => {
    const response = await service.request({ method: 'GET', url: '/municipalities?limit=200', headers: admin });
    const items = response.json<{ items: { municipalityId: string; name: string }[] }>().items;
    return items.find((municipality) => municipality.name === 'Kortrijk')!.municipalityId;
  };
  const register = (name: string, municipalityId: string, headers: Record<string, string> = {}) =>
    service.request({
      method: 'POST',
      url: '/organisations',
      headers: { ...admin, ...headers },
      payload: { name, type: 'external', municipalityId, services: ['debt counselling'], responseDeadlineDays: 14 },
    });
  const ready = () => service.request({ method: 'GET', url: '/health/ready' });

  it('runs a command through EventStoreDB to a read model', async () => {
    expect((await ready()).statusCode).toBe(200);
    const eventsBefore = esdb.store.length;
    const response = await register('Schuldbemiddeling Zuid', await kortrijk());
    expect(response.statusCode).toBe(201);
    const { organisationId } = response.json<{ organisationId: string }>();

    // The event is in EventStoreDB, under a stream name without personal data.
    expect(esdb.store.length).toBe(eventsBefore + 1);
    const stream = esdb.store.stream(`organisation-${organisationId}`) ?? [];
    expect(stream.map((record) => record.type)).toEqual(['OrganisationRegistered']);

    // The read model, fed by the projection's catch-up subscription to $all.
    const read = await service.request({ method: 'GET', url: `/organisations/${organisationId}`, headers: admin });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ organisationId, name: 'Schuldbemiddeling Zuid', responseDeadlineDays: 14 });
    expect(read.headers.etag).toBe('"0"');
  });

  it('reports an unreachable store in readiness, answers commands with 503, and recovers by itself', async () => {
    const municipalityId = await kortrijk();
    await esdb.stop();

    const notReady = await ready();
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({ code: 'NOT_READY', detail: expect.stringContaining('eventStore:') });

    const eventsBefore = esdb.store.length;
    const refused = await register('Wijkpunt Noord', municipalityId, {
      'idempotency-key': `esdb-down-${randomUUID()}`,
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE' });
    expect(refused.body).not.toContain('Wijkpunt');

    await esdb.restart();
    expect(esdb.store.length).toBe(eventsBefore);
    const deadline = Date.now() + 60_000;
    while ((await ready()).statusCode !== 200) {
      if (Date.now() > deadline) throw new Error('the service did not become ready again');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const accepted = await register('Wijkpunt Noord', municipalityId);
    expect(accepted.statusCode).toBe(201);
    const { organisationId } = accepted.json<{ organisationId: string }>();
    const read = await service.request({ method: 'GET', url: `/organisations/${organisationId}`, headers: admin });
    expect(read.json()).toMatchObject({ name: 'Wijkpunt Noord' });
  });
});

describe('the service starting while EventStoreDB is down', () => {
  it('starts, reports not ready, and loads the reference data once the store is back', async () => {
    const esdb = await startEsdbTestServer({ batchAppend: false });
    await esdb.stop();
    const service = await startTestApp({
      kind: 'pglite',
      env: { EVENTSTORE_CONNECTION_STRING: esdb.connectionString },
    });
    try {
      expect((await service.request({ method: 'GET', url: '/health/ready' })).statusCode).toBe(503);
      await esdb.restart();
      const headers = await authHeader({ role: 'coordinator' });
      const deadline = Date.now() + 60_000;
      for (;;) {
        const response = await service.request({ method: 'GET', url: '/organisations?limit=200', headers });
        if (response.statusCode === 200 && response.json<{ items: unknown[] }>().items.length > 0) break;
        if (Date.now() > deadline) throw new Error('the reference data never appeared');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      // Ready follows once the whole load is recorded, a moment after its first rows show (longer on a busy machine).
      let ready = 503;
      while (ready !== 200 && Date.now() <= deadline) {
        ready = (await service.request({ method: 'GET', url: '/health/ready' })).statusCode;
        if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(ready).toBe(200);
    } finally {
      await service.dispose();
      await esdb.stop();
    }
  });
});
