import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { Pool } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

type Headers = Record<string, string>;

interface Named {
  readonly name: string;
}

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

/**
 * Database faults are 503 with `Retry-After`, never 500 (docs/api.md, docs/adr/0021): the service's connections are
 * killed (`pg_terminate_backend`) and new ones refused, then every kind of request (a look-up with a key load, a
 * command with a claim, a read model, a list) is tried. Once the database is back, the service answers again, and a
 * command retried with its `Idempotency-Key` is written once.
 */
onPostgres('database faults on postgres', () => {
  let proxy: TcpProxy;
  let database: string;
  let admin: Pool;
  let service: TestApp;
  const as: Record<'kortrijk' | 'admin' | 'dpo', Headers> = {} as never;
  let kortrijk: string;

  beforeAll(async () => {
    service = await startTestApp({
      kind: 'postgres',
      env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' },
      connectThrough: async (url) => {
        database = new URL(url).pathname.slice(1);
        proxy = await startTcpProxy(url);
        return proxy.url;
      },
    });
    admin = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    as.admin = await authHeader({ role: 'admin' });
    const list = async <T>(url: string) =>
      (await service.request({ method: 'GET', url: `${url}?limit=200`, headers: as.admin })).json<{ items: T[] }>()
        .items;
    const organisations = await list<Named & { organisationId: string }>('/organisations');
    const municipalities = await list<Named & { municipalityId: string }>('/municipalities');
    kortrijk = municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId;
    const ocmwKortrijk = organisations.find((item) => item.name === 'OCMW Kortrijk')!.organisationId;
    as.kortrijk = await authHeader({ role: 'social_worker', organisationId: ocmwKortrijk });
    as.dpo = await authHeader({ role: 'dpo', organisationId: ocmwKortrijk });
  });
  afterAll(async () => {
    proxy.restore();
    await service.dispose();
    await proxy.close();
    await admin.end();
  });

  const person = (familyName: string) => ({
    givenName: 'Amélie',
    familyName,
    birthDate: '1985-07-30',
    municipalityId: kortrijk,
    household: { adults: 1, children: 0 },
    mainIncomeSource: 'social_integration_income',
  });

  it('answers 503 with Retry-After, not 500, while the database is gone, and recovers when it is back', async () => {
    const registered = await service.request({
      method: 'POST',
      url: '/clients',
      headers: as.kortrijk,
      payload: person(`Fault-${randomUUID()}`),
    });
    expect(registered.statusCode).toBe(201);
    const clientId = registered.json<{ clientId: string }>().clientId;

    const key = { 'idempotency-key': `fault-${randomUUID()}` };
    const newcomer = person(`Fault-${randomUUID()}`);
    const requests: (InjectOptions & { url: string })[] = [
      { method: 'GET', url: `/clients/${clientId}`, headers: as.kortrijk },
      { method: 'POST', url: '/clients', headers: { ...as.kortrijk, ...key }, payload: newcomer },
      {
        method: 'POST',
        url: '/intake-trajectories',
        headers: as.kortrijk,
        payload: { clientId, origin: 'came_in_themselves' },
      },
      { method: 'POST', url: '/clients/lookups', headers: as.kortrijk, payload: { insz: '85073000144' } },
      { method: 'GET', url: '/referrals/inbox', headers: as.kortrijk },
      { method: 'GET', url: '/organisations', headers: as.admin },
      { method: 'GET', url: `/access-log?personId=${clientId}`, headers: as.dpo },
      { method: 'POST', url: '/municipalities', headers: as.admin, payload: { name: 'Nergens', member: false } },
    ];

    proxy.refuseNew();
    const killed = await admin.query<{ killed: boolean }>(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [database],
    );
    expect(killed.rows.length).toBeGreaterThan(0);

    for (const request of requests) {
      const response = await service.request(request);
      expect({ request: `${request.method} ${request.url}`, status: response.statusCode }).toEqual({
        request: `${request.method} ${request.url}`,
        status: 503,
      });
      expect({ code: response.json<{ code: string }>().code, retryAfter: response.headers['retry-after'] }).toEqual({
        code: expect.stringMatching(/_UNAVAILABLE$/),
        retryAfter: expect.stringMatching(/^\d+$/),
      });
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json<{ code: string }>().code).toMatch(/_UNAVAILABLE$/);
    }

    proxy.restore();
    const retried = await service.request(requests[1]!);
    expect(retried.statusCode).toBe(201);
    const again = await service.request(requests[1]!);
    expect(again.json()).toEqual(retried.json());
    const read = await service.request(requests[0]!);
    expect(read.statusCode).toBe(200);
  });
});
