import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';
import { eventually } from '../support/projections';

type Headers = Record<string, string>;
type Method = 'GET' | 'POST';

interface Need {
  readonly needId: string;
  readonly description: string | null;
}

interface Trajectory {
  readonly organisationId: string;
  readonly caseworkerId: string | null;
  readonly needs: Need[];
  readonly timeline: { type: string }[];
}

const BEFORE = 'Huurachterstand, besproken aan het onthaal in Kortrijk.';
const AFTER = 'Nieuwe afspraak bij de schuldbemiddelaar in Menen.';

/**
 * After a transfer of responsibility (docs/adr/0028, issue 19 item 7): the organisation that handed the trajectory on
 * keeps reading its course (not the notes written since) while it may see the person, and changes nothing; the
 * receiving organisation's caseworker is named by the transfer, never null.
 */
describe.each(testDatabaseKinds())('the overview after a transfer on %s', (kind) => {
  let service: TestApp;
  let kortrijk: string;
  const org: Record<'kortrijk' | 'menen' | 'caw', string> = {} as never;
  const as: Record<'kortrijk' | 'menen' | 'caw', Headers> = {} as never;

  beforeAll(async () => {
    service = await startTestApp({ kind, env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' } });
    const admin = await authHeader({ role: 'admin' });
    const list = async <T>(url: string) =>
      (await service.request({ method: 'GET', url: `${url}?limit=200`, headers: admin })).json<{ items: T[] }>().items;
    const municipalities = await list<{ name: string; municipalityId: string }>('/municipalities');
    const organisations = await list<{ name: string; organisationId: string }>('/organisations');
    const organisation = (name: string) => organisations.find((item) => item.name === name)!.organisationId;
    kortrijk = municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId;
    org.kortrijk = organisation('OCMW Kortrijk');
    org.menen = organisation('OCMW Menen');
    org.caw = organisation('CAW Zuid-West-Vlaanderen');
    for (const name of ['kortrijk', 'menen', 'caw'] as const) {
      as[name] = await authHeader({ role: 'social_worker', organisationId: org[name] });
    }
  });
  afterAll(() => service.dispose());

  const request = (method: Method, url: string, headers: Headers, payload?: object) =>
    service.request({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const ok = <T = Record<string, string>>(response: LightMyRequestResponse, status = 200): T => {
    expect(`${response.statusCode} ${response.body.slice(0, 300)}`).toMatch(new RegExp(`^${status} `));
    return response.json<T>();
  };
  const read = (trajectoryId: string, headers: Headers) =>
    request('GET', `/intake-trajectories/${trajectoryId}`, headers);

  /** A person of OCMW Kortrijk who agreed to share with `partners`, and Kortrijk's trajectory with a described need. */
  const trajectoryOf = async (...partners: ('menen' | 'caw')[]) => {
    const { clientId } = ok(
      await request('POST', '/clients', as.kortrijk, {
        givenName: 'Nadia',
        familyName: 'Overzicht',
        birthDate: '1990-03-14',
        municipalityId: kortrijk,
        household: { adults: 1, children: 1 },
        mainIncomeSource: 'social_integration_income',
      }),
      201,
    );
    const consents: Record<string, string> = {};
    for (const partner of partners) {
      consents[partner] = ok(
        await request('POST', `/clients/${clientId}/consents`, as.kortrijk, {
          scope: 'share_with_organisation',
          organisationId: org[partner],
        }),
        201,
      ).consentId!;
    }
    const { trajectoryId } = ok(
      await request('POST', '/intake-trajectories', as.kortrijk, { clientId, origin: 'came_in_themselves' }),
      201,
    );
    const { needId } = ok(
      await request('POST', `/intake-trajectories/${trajectoryId}/needs`, as.kortrijk, {
        lifeDomain: 'housing',
        description: BEFORE,
      }),
      201,
    );
    return { clientId: clientId!, trajectoryId: trajectoryId!, needId: needId!, consents };
  };
  const transfer = (trajectoryId: string, headers: Headers, to: string, caseworkerId?: string) =>
    request('POST', `/intake-trajectories/${trajectoryId}/transfer`, headers, {
      toOrganisationId: to,
      reason: 'moved_municipality',
      ...(caseworkerId === undefined ? {} : { caseworkerId }),
    });

  it('lets the sender read the course, with its own notes only, and change nothing', async () => {
    const { trajectoryId, needId } = await trajectoryOf('menen');
    const moved = ok<Trajectory>(await transfer(trajectoryId, as.kortrijk, org.menen, 'menen-worker-1'));
    expect(moved).toMatchObject({ organisationId: org.menen, caseworkerId: 'menen-worker-1' });
    const { needId: newNeed } = ok(
      await request('POST', `/intake-trajectories/${trajectoryId}/needs`, as.menen, {
        lifeDomain: 'debts',
        description: AFTER,
      }),
      201,
    );

    const overview = await read(trajectoryId, as.kortrijk);
    const course = ok<Trajectory>(overview);
    expect(course).toMatchObject({ organisationId: org.menen, caseworkerId: 'menen-worker-1' });
    expect(course.needs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ needId, description: BEFORE }),
        expect.objectContaining({ needId: newNeed, description: null }),
      ]),
    );
    expect(course.timeline.map((entry) => entry.type)).toEqual(
      expect.arrayContaining(['ResponsibilityTransferred', 'NeedRecorded']),
    );
    expect(overview.body).not.toContain(AFTER);
    // The receiver reads both notes.
    expect(JSON.stringify(ok(await read(trajectoryId, as.menen)))).toContain(AFTER);

    // The sender writes nothing on it any more; an organisation never responsible reads nothing.
    const write = await request('POST', `/intake-trajectories/${trajectoryId}/needs`, as.kortrijk, {
      lifeDomain: 'income',
    });
    expect(write.statusCode).toBe(403);
    expect((await read(trajectoryId, as.caw)).statusCode).toBe(403);
    // The receiver's caseload names the caseworker.
    const caseload = ok<{ items: { trajectoryId: string; caseworkerId: string | null }[] }>(
      await request('GET', '/intake-trajectories', as.menen),
    );
    expect(caseload.items).toContainEqual(expect.objectContaining({ trajectoryId, caseworkerId: 'menen-worker-1' }));
  });

  it("lists a person's trajectories as each organisation may read them", async () => {
    const { clientId, trajectoryId } = await trajectoryOf('menen');
    ok(await transfer(trajectoryId, as.kortrijk, org.menen, 'menen-worker-1'));
    const reopened = ok(
      await request('POST', '/intake-trajectories', as.kortrijk, { clientId, origin: 'came_in_themselves' }),
      201,
    ).trajectoryId!;
    type Listed = { items: { trajectoryId: string; responsible: boolean; organisationId: string }[] };
    const listOf = async (headers: Headers) =>
      ok<Listed>(await request('GET', `/clients/${clientId}/trajectories`, headers)).items.map((item) => [
        item.trajectoryId,
        item.responsible,
        item.organisationId,
      ]);
    // The list reads the read model: under load a command may answer before it caught up (at most 2 s).
    const kortrijkList = await eventually(
      'the transfer in the read model',
      () => listOf(as.kortrijk),
      (list) => list.length === 2,
    );
    expect(kortrijkList).toEqual(
      expect.arrayContaining([
        [trajectoryId, false, org.menen],
        [reopened, true, org.kortrijk],
      ]),
    );
    expect(await listOf(as.menen)).toEqual([[trajectoryId, true, org.menen]]);
    expect(await listOf(as.caw)).toEqual([]);
    const malformed = await request('GET', '/clients/not-a-uuid/trajectories', as.kortrijk);
    expect(malformed.statusCode).toBe(400);
  });

  it('ends the overview at once when the consent that let the sender see the person is withdrawn', async () => {
    const { clientId, trajectoryId, consents } = await trajectoryOf('menen', 'caw');
    ok(await transfer(trajectoryId, as.kortrijk, org.menen, 'menen-worker-1'));
    ok(await transfer(trajectoryId, as.menen, org.caw, 'caw-worker-1'));
    // Menen handed it on and sees the person through the consent naming it.
    expect(ok<Trajectory>(await read(trajectoryId, as.menen))).toMatchObject({
      organisationId: org.caw,
      caseworkerId: 'caw-worker-1',
    });
    ok(await request('POST', `/clients/${clientId}/consents/${consents.menen}/withdrawal`, as.kortrijk, {}));
    const after = await read(trajectoryId, as.menen);
    expect(after.statusCode).toBe(403);
    expect(after.body).not.toContain(BEFORE);
    // Kortrijk registered the person: it keeps the overview.
    ok(await read(trajectoryId, as.kortrijk));
  });

  it('refuses a transfer that names no receiving caseworker, writing nothing', async () => {
    const { trajectoryId } = await trajectoryOf('menen');
    for (const caseworkerId of [undefined, '', 'not a user id!']) {
      const refused = await transfer(trajectoryId, as.kortrijk, org.menen, caseworkerId);
      expect(refused.statusCode).toBe(400);
      expect(refused.json<{ errors: { field: string }[] }>().errors.map((error) => error.field)).toEqual([
        'caseworkerId',
      ]);
    }
    expect(ok<Trajectory>(await read(trajectoryId, as.kortrijk))).toMatchObject({ organisationId: org.kortrijk });
  });
});
