import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';

type Headers = Record<string, string>;
type Method = 'GET' | 'POST';

interface Named {
  readonly name: string;
}

interface Item {
  readonly [field: string]: unknown;
}

/**
 * Names beside ids (docs/adr/0027): the person's name in the caseload, the outbox and inbox and the trajectory for
 * the organisations that may see the person, null for one that may not; organisation and right names beside their
 * ids; every person named in the access log.
 */
describe.each(testDatabaseKinds())('names in lists and views on %s', (kind) => {
  let service: TestApp;
  let kortrijk: string;
  let ocmwKortrijk: string;
  let ocmwMenen: string;
  let uitpas: string;
  const as: Record<'kortrijk' | 'menen' | 'dpo', Headers> = {} as never;

  beforeAll(async () => {
    service = await startTestApp({ kind, env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' } });
    const admin = await authHeader({ role: 'admin' });
    const list = async <T>(url: string) =>
      (await service.request({ method: 'GET', url: `${url}?limit=200`, headers: admin })).json<{ items: T[] }>().items;
    const municipalities = await list<Named & { municipalityId: string }>('/municipalities');
    const organisations = await list<Named & { organisationId: string }>('/organisations');
    const rights = await list<Named & { rightId: string }>('/rights-catalogue');
    kortrijk = municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId;
    ocmwKortrijk = organisations.find((item) => item.name === 'OCMW Kortrijk')!.organisationId;
    ocmwMenen = organisations.find((item) => item.name === 'OCMW Menen')!.organisationId;
    uitpas = rights.find((item) => item.name === 'UiTPAS kansentarief')!.rightId;
    as.kortrijk = await authHeader({ role: 'social_worker', organisationId: ocmwKortrijk });
    as.menen = await authHeader({ role: 'social_worker', organisationId: ocmwMenen });
    as.dpo = await authHeader({ role: 'dpo', organisationId: ocmwKortrijk });
  });
  afterAll(() => service.dispose());

  const request = (method: Method, url: string, headers: Headers, payload?: object) =>
    service.request({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const ok = <T = Item>(response: LightMyRequestResponse, status = 200): T => {
    expect(`${response.statusCode} ${response.body.slice(0, 300)}`).toMatch(new RegExp(`^${status} `));
    return response.json<T>();
  };
  const itemsOf = async (url: string, headers: Headers) =>
    ok<{ items: Item[] }>(await request('GET', `${url}${url.includes('?') ? '&' : '?'}limit=200`, headers)).items;

  it('names the person for those who may see them, and the organisations and rights for all', async () => {
    const name = { givenName: 'Amélie', familyName: `Vandenberghe-${kind}-${randomUUID().slice(0, 8)}` };
    const clientId = ok<{ clientId: string }>(
      await request('POST', '/clients', as.kortrijk, {
        ...name,
        birthDate: '1985-07-30',
        municipalityId: kortrijk,
        household: { adults: 1, children: 2 },
        mainIncomeSource: 'social_integration_income',
      }),
      201,
    ).clientId;
    ok(await request('POST', `/clients/${clientId}/consents`, as.kortrijk, { scope: 'share_for_referrals' }), 201);
    const { trajectoryId } = ok<{ trajectoryId: string }>(
      await request('POST', '/intake-trajectories', as.kortrijk, { clientId, origin: 'came_in_themselves' }),
      201,
    );
    const trajectory = `/intake-trajectories/${trajectoryId}`;
    const { needId } = ok<{ needId: string }>(
      await request('POST', `${trajectory}/needs`, as.kortrijk, { lifeDomain: 'debts' }),
      201,
    );
    ok(await request('POST', `${trajectory}/rights`, as.kortrijk, { rightId: uitpas }), 201);
    const { referralId } = ok<{ referralId: string }>(
      await request('POST', '/referrals', as.kortrijk, {
        trajectoryId,
        toOrganisationId: ocmwMenen,
        service: 'eviction prevention',
        lifeDomain: 'debts',
        needId,
        warm: true,
      }),
      201,
    );
    const names = { fromOrganisationName: 'OCMW Kortrijk', toOrganisationName: 'OCMW Menen' };

    // The registering organisation sees the name everywhere.
    expect(await itemsOf('/intake-trajectories', as.kortrijk)).toContainEqual(
      expect.objectContaining({ trajectoryId, clientId, clientName: name }),
    );
    expect(ok(await request('GET', trajectory, as.kortrijk))).toMatchObject({
      clientName: name,
      organisationName: 'OCMW Kortrijk',
      referringOrganisationName: null,
      rights: [{ rightId: uitpas, rightName: 'UiTPAS kansentarief' }],
      referrals: [{ referralId, toOrganisationId: ocmwMenen, toOrganisationName: 'OCMW Menen' }],
    });
    expect(await itemsOf('/referrals/outbox', as.kortrijk)).toContainEqual(
      expect.objectContaining({ referralId, clientName: name, ...names }),
    );
    expect(ok(await request('GET', `/referrals/${referralId}`, as.kortrijk))).toMatchObject({
      clientId,
      clientName: name,
      ...names,
    });

    // The receiver may not see the person's file, but while the referral is open on the consent to share for
    // referrals it sees whom to call (the warm hand-off, docs/adr/0028): the name in its inbox and the referral.
    expect((await request('GET', `/clients/${clientId}`, as.menen)).statusCode).toBe(403);
    expect(await itemsOf('/referrals/inbox', as.menen)).toContainEqual(
      expect.objectContaining({ referralId, clientName: name, ...names }),
    );
    const received = await request('GET', `/referrals/${referralId}`, as.menen);
    expect(ok(received)).toMatchObject({ clientId, personalDataShared: true, clientName: name, ...names });

    // With the person's consent to share with Menen, Menen sees the name in its inbox and the referral.
    const consent = ok<{ consentId: string }>(
      await request('POST', `/clients/${clientId}/consents`, as.kortrijk, {
        scope: 'share_with_organisation',
        organisationId: ocmwMenen,
      }),
      201,
    );
    expect(await itemsOf('/referrals/inbox', as.menen)).toContainEqual(
      expect.objectContaining({ referralId, clientName: name }),
    );
    expect(ok(await request('GET', `/referrals/${referralId}`, as.menen))).toMatchObject({ clientName: name });

    // Responsible after a transfer, Menen sees the name while the consent holds, and no more once withdrawn.
    ok(
      await request('POST', `${trajectory}/transfer`, as.kortrijk, {
        toOrganisationId: ocmwMenen,
        reason: 'other',
        caseworkerId: 'sw-menen-1',
      }),
    );
    expect(await itemsOf('/intake-trajectories', as.menen)).toContainEqual(
      expect.objectContaining({ trajectoryId, clientName: name }),
    );
    ok(await request('POST', `/clients/${clientId}/consents/${consent.consentId}/withdrawal`, as.kortrijk, {}));
    const caseload = await request('GET', '/intake-trajectories?limit=200', as.menen);
    expect(ok<{ items: Item[] }>(caseload).items).toContainEqual(
      expect.objectContaining({ trajectoryId, clientId, clientName: null }),
    );
    expect(caseload.body).not.toContain(name.familyName);
    const view = await request('GET', trajectory, as.menen);
    expect(ok(view)).toMatchObject({ clientName: null, organisationName: 'OCMW Menen' });
    expect(view.body).not.toContain(name.familyName);
    // Once the referral is declined the hand-off is over: the inbox no longer names the person.
    ok(await request('POST', `/referrals/${referralId}/decline`, as.menen, { reason: 'no_capacity' }));
    const inbox = await request('GET', '/referrals/inbox?status=declined&limit=200', as.menen);
    expect(ok<{ items: Item[] }>(inbox).items).toContainEqual(
      expect.objectContaining({ referralId, clientName: null, ...names }),
    );
    expect(inbox.body).not.toContain(name.familyName);

    // Every list that named the person is in the access log with them.
    const log = await request('GET', `/access-log?personId=${clientId}&limit=200`, as.dpo);
    const routes = ok<{ items: { route: string; method: string; outcome: string }[] }>(log).items.map(
      (entry) => `${entry.method} ${entry.route} ${entry.outcome}`,
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /intake-trajectories allowed',
        'GET /intake-trajectories/:trajectoryId allowed',
        'GET /referrals/outbox allowed',
        'GET /referrals/inbox allowed',
        'GET /referrals/:referralId allowed',
      ]),
    );
    expect(log.body).not.toContain(name.familyName);
  });

  it('shows no name once the person is erased', async () => {
    const familyName = `Erased-${kind}-${randomUUID().slice(0, 8)}`;
    const clientId = ok<{ clientId: string }>(
      await request('POST', '/clients', as.kortrijk, {
        givenName: 'Jef',
        familyName,
        birthDate: '1960-01-01',
        municipalityId: kortrijk,
        household: { adults: 1, children: 0 },
        mainIncomeSource: 'pension',
      }),
      201,
    ).clientId;
    const { trajectoryId } = ok<{ trajectoryId: string }>(
      await request('POST', '/intake-trajectories', as.kortrijk, { clientId, origin: 'came_in_themselves' }),
      201,
    );
    expect(await itemsOf('/intake-trajectories', as.kortrijk)).toContainEqual(
      expect.objectContaining({ trajectoryId, clientName: { givenName: 'Jef', familyName } }),
    );
    ok(await request('POST', `/clients/${clientId}/erasure`, as.dpo, {}));
    const caseload = await request('GET', '/intake-trajectories?status=all&limit=200', as.kortrijk);
    expect(caseload.body).not.toContain(familyName);
  });
});
