import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';

type Headers = Record<string, string>;

interface Named {
  readonly name: string;
}

interface Entry {
  readonly requestId: string;
  readonly route: string;
  readonly action: string;
  readonly statusCode: number | null;
  readonly outcome: string;
}

/**
 * A committed write is never answered as failed and never goes unlogged (docs/adr/0021): its pending entry is stored
 * before its events are appended, so when the entry with its outcome cannot be stored after the commit (a fault
 * injected by a trigger), the command is answered with its real outcome and the log still shows the write.
 */
describe.each(testDatabaseKinds())('writes logged before they are committed on %s', (kind) => {
  let service: TestApp;
  let dataSource: DataSource;
  let menen: string;
  let kortrijk: string;
  const as: Record<'kortrijk' | 'dpo', Headers> = {} as never;

  beforeAll(async () => {
    service = await startTestApp({ kind });
    dataSource = service.app.get(DataSource);
    const admin = await authHeader({ role: 'admin' });
    const list = async <T>(url: string) =>
      (await service.request({ method: 'GET', url: `${url}?limit=200`, headers: admin })).json<{ items: T[] }>().items;
    const municipalities = await list<Named & { municipalityId: string }>('/municipalities');
    const organisations = await list<Named & { organisationId: string }>('/organisations');
    kortrijk = municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId;
    menen = municipalities.find((item) => item.name === 'Menen')!.municipalityId;
    const ocmwKortrijk = organisations.find((item) => item.name === 'OCMW Kortrijk')!.organisationId;
    as.kortrijk = await authHeader({ role: 'social_worker', organisationId: ocmwKortrijk });
    as.dpo = await authHeader({ role: 'dpo', organisationId: ocmwKortrijk });
  });
  afterAll(() => service.dispose());

  const registration = (): Promise<LightMyRequestResponse> =>
    service.request({
      method: 'POST',
      url: '/clients',
      headers: as.kortrijk,
      payload: {
        givenName: 'Amélie',
        familyName: `Durable-${randomUUID()}`,
        birthDate: '1985-07-30',
        municipalityId: kortrijk,
        household: { adults: 1, children: 0 },
        mainIncomeSource: 'social_integration_income',
      },
    });
  const register = async (): Promise<string> => {
    const response = await registration();
    expect(response.statusCode).toBe(201);
    return response.json<{ clientId: string }>().clientId;
  };
  const move = (clientId: string): Promise<LightMyRequestResponse> =>
    service.request({
      method: 'POST',
      url: `/clients/${clientId}/moves`,
      headers: as.kortrijk,
      payload: { municipalityId: menen, effectiveDate: '2026-01-15' },
    });
  const entriesOf = async (clientId: string, response: LightMyRequestResponse): Promise<Entry[]> => {
    const log = await service.request({ method: 'GET', url: `/access-log?personId=${clientId}`, headers: as.dpo });
    expect(log.statusCode).toBe(200);
    return log.json<{ items: Entry[] }>().items.filter((entry) => entry.requestId === response.headers['x-request-id']);
  };
  const eventsOf = async (clientId: string): Promise<number> =>
    Number(
      (
        await dataSource.query<{ count: string }[]>(
          `SELECT count(*)::text AS count FROM es_events WHERE stream_id = $1`,
          [`client-${clientId}`],
        )
      )[0]!.count,
    );

  it('answers a committed write with its outcome when the outcome entry cannot be stored, and logs it as pending', async () => {
    const clientId = await register();
    const before = await eventsOf(clientId);
    await dataSource.query(`
      CREATE FUNCTION refuse_write_outcomes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action = 'write' AND NEW.outcome <> 'pending' THEN RAISE EXCEPTION 'injected fault'; END IF;
        RETURN NEW;
      END $$`);
    await dataSource.query(`
      CREATE TRIGGER refuse_write_outcomes BEFORE INSERT ON access_log
      FOR EACH ROW EXECUTE FUNCTION refuse_write_outcomes()`);
    let moved: LightMyRequestResponse;
    let registered: LightMyRequestResponse;
    try {
      moved = await move(clientId);
      registered = await registration();
    } finally {
      await dataSource.query(`DROP TRIGGER refuse_write_outcomes ON access_log`);
      await dataSource.query(`DROP FUNCTION refuse_write_outcomes()`);
    }
    expect(`${moved.statusCode} ${moved.body.slice(0, 200)}`).toMatch(/^20[01] /);
    expect(moved.headers.etag).toBeDefined();
    expect(await eventsOf(clientId)).toBe(before + 1);
    expect(await entriesOf(clientId, moved)).toEqual([
      expect.objectContaining({
        route: '/clients/:clientId/moves',
        action: 'write',
        statusCode: null,
        outcome: 'pending',
      }),
    ]);
    // A registration names its new person before it is appended.
    expect(registered.statusCode).toBe(201);
    const newcomer = registered.json<{ clientId: string }>().clientId;
    expect(await entriesOf(newcomer, registered)).toEqual([
      expect.objectContaining({ route: '/clients', action: 'write', outcome: 'pending' }),
    ]);
  });

  it('shows a write whose outcome was stored once, with its outcome', async () => {
    const clientId = await register();
    const moved = await move(clientId);
    expect(moved.statusCode).toBeLessThan(300);
    expect(await entriesOf(clientId, moved)).toEqual([
      expect.objectContaining({ route: '/clients/:clientId/moves', statusCode: moved.statusCode, outcome: 'allowed' }),
    ]);
  });

  it('appends nothing and answers 503 when a write cannot be logged before it is appended', async () => {
    const clientId = await register();
    await dataSource.query('ALTER TABLE access_log RENAME TO access_log_away');
    let refused: LightMyRequestResponse;
    try {
      refused = await service.request({
        method: 'POST',
        url: `/clients/${clientId}/moves`,
        headers: as.kortrijk,
        payload: { municipalityId: menen, effectiveDate: '2026-01-15' },
      });
    } finally {
      await dataSource.query('ALTER TABLE access_log_away RENAME TO access_log');
    }
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ code: 'ACCESS_LOG_UNAVAILABLE' });
    expect(await eventsOf(clientId)).toBe(1);
  });
});
