import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';

type Headers = Record<string, string>;

interface Organisation {
  readonly organisationId: string;
  readonly name: string;
  readonly services: string[];
}

/**
 * The service directory and unknown services (docs/reference-data.md, docs/adr/0027): organisations found by service
 * (forgiving case and accents) and municipality, with their names; a referral naming a service the organisation does
 * not offer answers with the services it does offer, never with what was sent.
 */
describe.each(testDatabaseKinds())('the service directory on %s', (kind) => {
  let service: TestApp;
  let kortrijk: string;
  let menen: string;
  let ocmwKortrijk: string;
  let ocmwMenen: string;
  const as: Record<'volunteer' | 'kortrijk', Headers> = {} as never;

  beforeAll(async () => {
    service = await startTestApp({ kind, env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' } });
    as.volunteer = await authHeader({ role: 'volunteer' });
    const all = <T>(url: string) =>
      service.request({ method: 'GET', url, headers: as.volunteer }).then((r) => r.json<{ items: T[] }>().items);
    const municipalities = await all<{ municipalityId: string; name: string }>('/municipalities?limit=200');
    const organisations = await all<Organisation>('/organisations?limit=200');
    kortrijk = municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId;
    menen = municipalities.find((item) => item.name === 'Menen')!.municipalityId;
    ocmwKortrijk = organisations.find((item) => item.name === 'OCMW Kortrijk')!.organisationId;
    ocmwMenen = organisations.find((item) => item.name === 'OCMW Menen')!.organisationId;
    as.kortrijk = await authHeader({ role: 'social_worker', organisationId: ocmwKortrijk });
  });
  afterAll(() => service.dispose());

  const request = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) =>
    service.request({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const names = async (query: string) => {
    const response = await request('GET', `/organisations?limit=200&${query}`, as.volunteer);
    expect(`${response.statusCode} ${response.body.slice(0, 200)}`).toMatch(/^200 /);
    return response.json<{ items: Organisation[] }>().items.map((item) => item.name);
  };
  const fieldsOf = (response: LightMyRequestResponse) =>
    response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field);

  it('finds organisations by service, forgiving case and accents, and by municipality, with their names', async () => {
    const eviction = await names('service=%C3%89VICTION%20%20prevention');
    expect(eviction).toHaveLength(14);
    expect(eviction).toContain('OCMW Menen');
    expect(eviction.every((name) => name.startsWith('OCMW '))).toBe(true);
    expect(await names(`service=eviction&municipalityId=${menen}`)).toEqual(['OCMW Menen']);
    expect(await names('service=budget%20BUDDIES')).toEqual(['Budget In Zicht']);
    expect(await names('service=W%C3%B3%C3%B3nclub-bestaat-niet')).toEqual([]);
    expect(await names(`municipalityId=${kortrijk}&type=ocmw`)).toEqual(['OCMW Kortrijk']);
  });

  it('refuses a search of one letter, or an id that is none, naming the field and echoing nothing', async () => {
    const short = await request('GET', '/organisations?service=%C3%A9', as.volunteer);
    expect(short.statusCode).toBe(400);
    expect(fieldsOf(short)).toEqual(['service']);
    const long = await request('GET', `/organisations?service=${'x'.repeat(101)}`, as.volunteer);
    expect(fieldsOf(long)).toEqual(['service']);
    expect(long.body).not.toContain('xxxxxxxxxx');
    const notAnId = await request('GET', '/organisations?municipalityId=kortrijk-zuid', as.volunteer);
    expect(notAnId.statusCode).toBe(400);
    expect(fieldsOf(notAnId)).toEqual(['municipalityId']);
    expect(notAnId.body).not.toContain('kortrijk-zuid');
  });

  it('answers an unknown service of a referral with the services the organisation offers', async () => {
    const clientId = (
      await request('POST', '/clients', as.kortrijk, {
        givenName: 'Mieke',
        familyName: `Directory-${kind}`,
        birthDate: '1990-02-03',
        municipalityId: kortrijk,
        household: { adults: 1, children: 0 },
        mainIncomeSource: 'unknown',
      })
    ).json<{ clientId: string }>().clientId;
    expect(
      (await request('POST', `/clients/${clientId}/consents`, as.kortrijk, { scope: 'share_for_referrals' }))
        .statusCode,
    ).toBe(201);
    const { trajectoryId } = (
      await request('POST', '/intake-trajectories', as.kortrijk, { clientId, origin: 'came_in_themselves' })
    ).json<{ trajectoryId: string }>();
    const body = { trajectoryId, toOrganisationId: ocmwMenen, lifeDomain: 'debts' };

    const unknown = await request('POST', '/referrals', as.kortrijk, { ...body, service: 'schuldhulpverlening' });
    expect(unknown.statusCode).toBe(409);
    expect(unknown.json()).toMatchObject({
      code: 'UNKNOWN_SERVICE',
      validValues: ['integrated broad intake', 'social assistance (leefloon)', 'eviction prevention'],
    });
    expect(unknown.body).not.toContain('schuldhulpverlening');

    // Written another way, a service the organisation offers is the organisation's own.
    const sent = await request('POST', '/referrals', as.kortrijk, { ...body, service: 'Eviction  PRÉVENTION' });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ service: 'eviction prevention', toOrganisationName: 'OCMW Menen' });
  });
});
