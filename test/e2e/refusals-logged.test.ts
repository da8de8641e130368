import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
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
  readonly statusCode: number | null;
  readonly outcome: string;
}

/**
 * Every refused access to a person's data is in the access log with the person (docs/privacy.md), so that
 * `GET /access-log?personId=` and the subject-access report show it: another organisation's client, trajectory and
 * referral (403), and a referral refused for want of consent or because the person was erased.
 */
describe.each(testDatabaseKinds())('refused accesses logged with the person on %s', (kind) => {
  let service: TestApp;
  let kortrijk: string;
  let ocmwMenen: string;
  let caw: string;
  const as: Record<'kortrijk' | 'menen' | 'caw' | 'dpo', Headers> = {} as never;

  beforeAll(async () => {
    service = await startTestApp({ kind, env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' } });
    const admin = await authHeader({ role: 'admin' });
    const list = async <T>(url: string) =>
      (await service.request({ method: 'GET', url: `${url}?limit=200`, headers: admin })).json<{ items: T[] }>().items;
    const municipalities = await list<Named & { municipalityId: string }>('/municipalities');
    const organisations = await list<Named & { organisationId: string }>('/organisations');
    const organisation = (name: string) => organisations.find((item) => item.name === name)!.organisationId;
    kortrijk = municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId;
    ocmwMenen = organisation('OCMW Menen');
    caw = organisation('CAW Zuid-West-Vlaanderen');
    as.kortrijk = await authHeader({ role: 'social_worker', organisationId: organisation('OCMW Kortrijk') });
    as.menen = await authHeader({ role: 'social_worker', organisationId: ocmwMenen });
    as.caw = await authHeader({ role: 'social_worker', organisationId: caw });
    as.dpo = await authHeader({ role: 'dpo', organisationId: organisation('W13') });
  });
  afterAll(() => service.dispose());

  const ok = async <T>(request: InjectOptions): Promise<T> => {
    const response = await service.request(request);
    if (response.statusCode >= 300) throw new Error(`${request.method} ${response.statusCode} ${response.body}`);
    return response.json<T>();
  };
  /** A person of OCMW Kortrijk with an open trajectory and a need; consent to refer them only when asked. */
  const person = async (consent: boolean) => {
    const { clientId } = await ok<{ clientId: string }>({
      method: 'POST',
      url: '/clients',
      headers: as.kortrijk,
      payload: {
        givenName: 'Amélie',
        familyName: `Refused-${randomUUID()}`,
        birthDate: '1985-07-30',
        municipalityId: kortrijk,
        household: { adults: 1, children: 0 },
        mainIncomeSource: 'social_integration_income',
      },
    });
    if (consent) {
      await ok({
        method: 'POST',
        url: `/clients/${clientId}/consents`,
        headers: as.kortrijk,
        payload: { scope: 'share_for_referrals' },
      });
    }
    const { trajectoryId } = await ok<{ trajectoryId: string }>({
      method: 'POST',
      url: '/intake-trajectories',
      headers: as.kortrijk,
      payload: { clientId, origin: 'came_in_themselves' },
    });
    return { clientId, trajectoryId };
  };
  const referral = (trajectoryId: string) => ({
    trajectoryId,
    toOrganisationId: ocmwMenen,
    service: 'eviction prevention',
    lifeDomain: 'debts',
  });

  /** Sends the request, expects it refused with `status`, and finds its entry under the person. */
  const refusedAndLogged = async (clientId: string, request: InjectOptions, status: number, code?: string) => {
    const response = await service.request(request);
    expect({ url: request.url, status: response.statusCode }).toEqual({ url: request.url, status });
    if (code !== undefined) expect(response.json()).toMatchObject({ code });
    const log = await ok<{ items: Entry[] }>({
      method: 'GET',
      url: `/access-log?personId=${clientId}`,
      headers: as.dpo,
    });
    const entry = log.items.find((item) => item.requestId === response.headers['x-request-id']);
    expect({ url: request.url, entry }).toEqual({
      url: request.url,
      entry: expect.objectContaining({ statusCode: status, outcome: status === 403 ? 'denied' : 'failed' }),
    });
  };

  it("logs refused reads and commands of another organisation's person, trajectory and referral", async () => {
    const { clientId, trajectoryId } = await person(true);
    const { referralId } = await ok<{ referralId: string }>({
      method: 'POST',
      url: '/referrals',
      headers: as.kortrijk,
      payload: referral(trajectoryId),
    });
    for (const request of [
      { method: 'GET', url: `/clients/${clientId}`, headers: as.caw },
      { method: 'GET', url: `/intake-trajectories/${trajectoryId}`, headers: as.caw },
      {
        method: 'POST',
        url: `/intake-trajectories/${trajectoryId}/needs`,
        headers: as.caw,
        payload: { lifeDomain: 'debts' },
      },
      { method: 'GET', url: `/referrals/${referralId}`, headers: as.caw },
      { method: 'POST', url: `/referrals/${referralId}/acceptance`, headers: as.caw, payload: {} },
      {
        method: 'POST',
        url: `/referrals/${referralId}/referral-again`,
        headers: as.caw,
        payload: { toOrganisationId: caw },
      },
      {
        method: 'POST',
        url: '/referrals',
        headers: as.caw,
        payload: { ...referral(trajectoryId), toOrganisationId: ocmwMenen },
      },
    ] as const) {
      await refusedAndLogged(clientId, request, 403);
    }
  });

  it('logs a referral refused for want of consent, or because the person was erased, with the person', async () => {
    const withoutConsent = await person(false);
    await refusedAndLogged(
      withoutConsent.clientId,
      { method: 'POST', url: '/referrals', headers: as.kortrijk, payload: referral(withoutConsent.trajectoryId) },
      409,
      'CONSENT_REQUIRED',
    );

    const erased = await person(true);
    await ok({ method: 'POST', url: `/clients/${erased.clientId}/erasure`, headers: as.dpo });
    const response = await service.request({
      method: 'POST',
      url: '/referrals',
      headers: as.kortrijk,
      payload: referral(erased.trajectoryId),
    });
    expect(response.json()).toMatchObject({ code: 'CLIENT_ERASED' });
    await refusedAndLogged(
      erased.clientId,
      { method: 'POST', url: '/referrals', headers: as.kortrijk, payload: referral(erased.trajectoryId) },
      response.statusCode,
      'CLIENT_ERASED',
    );
  });
});
