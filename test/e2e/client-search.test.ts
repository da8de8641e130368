import type { LightMyRequestResponse } from 'fastify';
import { DataSource } from 'typeorm';
import { FamilyNameBackfill } from '../../src/clients/common/family-name-backfill';
import { IdentityIndex } from '../../src/clients/common/identity-index';
import { rowsOf } from '../../src/shared/crypto';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';

type Headers = Record<string, string>;

interface Found {
  readonly people: { clientId: string; givenName: string; familyName: string; birthDate: string }[];
}

/**
 * Finding people by family name (docs/adr/0028, issue 19 item 5): exact on the folded name, whatever its case,
 * accents or spaces; narrowed by given name or birth year; only people the caller's organisation may see; people
 * registered before the index existed found after the backfill; erased people never.
 */
describe.each(testDatabaseKinds())('finding people by family name on %s', (kind) => {
  let service: TestApp;
  let kortrijk: string;
  const as: Record<'kortrijk' | 'menen' | 'dpo', Headers> = {} as never;
  const ids: Record<'amelie' | 'jan' | 'menens' | 'other', string> = {} as never;

  beforeAll(async () => {
    service = await startTestApp({ kind, env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' } });
    const admin = await authHeader({ role: 'admin' });
    const list = async <T>(url: string) =>
      (await service.request({ method: 'GET', url: `${url}?limit=200`, headers: admin })).json<{ items: T[] }>().items;
    const municipalities = await list<{ name: string; municipalityId: string }>('/municipalities');
    const organisations = await list<{ name: string; organisationId: string }>('/organisations');
    const organisation = (name: string) => organisations.find((item) => item.name === name)!.organisationId;
    kortrijk = municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId;
    as.kortrijk = await authHeader({ role: 'social_worker', organisationId: organisation('OCMW Kortrijk') });
    as.menen = await authHeader({ role: 'social_worker', organisationId: organisation('OCMW Menen') });
    as.dpo = await authHeader({ role: 'dpo', organisationId: organisation('W13') });
    ids.amelie = await register(as.kortrijk, 'Amélie', 'Van den Broeck', '1985-07-30');
    ids.jan = await register(as.kortrijk, 'Jan', 'Vandenbroeck', '1990-01-12');
    ids.menens = await register(as.menen, 'Amélie', 'Van Den Broeck', '1985-07-30');
    ids.other = await register(as.kortrijk, 'Amélie', 'Van den Bossche', '1985-07-30');
  });
  afterAll(() => service.dispose());

  const register = async (headers: Headers, givenName: string, familyName: string, birthDate: string) => {
    const response = await service.request({
      method: 'POST',
      url: '/clients',
      headers,
      payload: {
        givenName,
        familyName,
        birthDate,
        municipalityId: kortrijk,
        household: { adults: 1, children: 0 },
        mainIncomeSource: 'employment',
      },
    });
    expect(`${response.statusCode} ${response.body.slice(0, 200)}`).toMatch(/^201 /);
    return response.json<{ clientId: string }>().clientId;
  };
  const search = (payload: object, headers = as.kortrijk): Promise<LightMyRequestResponse> =>
    service.request({ method: 'POST', url: '/clients/searches', headers, payload });
  const found = async (payload: object, headers = as.kortrijk) => {
    const response = await search(payload, headers);
    expect(`${response.statusCode} ${response.body.slice(0, 200)}`).toMatch(/^200 /);
    return response.json<Found>().people.map((person) => person.clientId);
  };
  const fieldsOf = (response: LightMyRequestResponse) =>
    response.json<{ errors: { field: string }[] }>().errors.map((error) => error.field);

  it('matches the family name whatever its case, accents or spaces, and only people the caller may see', async () => {
    for (const familyName of [
      'Van den Broeck',
      'vandenbroeck',
      'VAN DEN BROECK',
      'Van Den Bröeck',
      ' van-den broeck ',
    ]) {
      expect(await found({ familyName })).toEqual([ids.amelie, ids.jan]);
    }
    const response = await search({ familyName: 'van den broeck' });
    expect(response.json<Found>().people[0]).toEqual({
      clientId: ids.amelie,
      givenName: 'Amélie',
      familyName: 'Van den Broeck',
      birthDate: '1985-07-30',
    });
    // OCMW Menen sees its own person only, not Kortrijk's.
    expect(await found({ familyName: 'Vandenbroeck' }, as.menen)).toEqual([ids.menens]);
    expect(await found({ familyName: 'Van den Bossche' }, as.menen)).toEqual([]);

    // Each person answered is in the access log with the search.
    const log = await service.request({ method: 'GET', url: `/access-log?personId=${ids.jan}`, headers: as.dpo });
    const entry = log
      .json<{ items: { requestId: string; route: string }[] }>()
      .items.find((item) => item.requestId === response.headers['x-request-id']);
    expect(entry).toMatchObject({ route: '/clients/searches' });
  });

  it('narrows by given name or birth year', async () => {
    expect(await found({ familyName: 'Vandenbroeck', givenName: 'AMELIE' })).toEqual([ids.amelie]);
    expect(await found({ familyName: 'Vandenbroeck', birthYear: 1990 })).toEqual([ids.jan]);
    expect(await found({ familyName: 'Vandenbroeck', givenName: 'Jan', birthYear: 1985 })).toEqual([]);
  });

  it('refuses a name of one letter or none, naming the field and echoing nothing', async () => {
    for (const familyName of ['V', '', '  ', 'V.', '--']) {
      const response = await search({ familyName });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response)).toEqual(['familyName']);
    }
    const missing = await search({});
    expect(missing.statusCode).toBe(400);
    expect(fieldsOf(missing)).toEqual(['familyName']);
    const wrong = await search({ familyName: 'Qzxwvy', givenName: '!!', birthYear: 3000 });
    expect(wrong.statusCode).toBe(400);
    expect(fieldsOf(wrong).sort()).toEqual(['birthYear', 'givenName']);
    expect(wrong.body).not.toContain('Qzxwvy');
  });

  it('finds people registered before the index existed once the backfill ran, and erased people never', async () => {
    const database = service.app.get(DataSource);
    await database.query(`DELETE FROM clients_identity_index WHERE kind = 'family_name' AND client_id = $1`, [
      ids.other,
    ]);
    expect(await found({ familyName: 'Van den Bossche' })).toEqual([]);
    expect(await service.app.get(FamilyNameBackfill).indexMissing()).toBeGreaterThanOrEqual(1);
    expect(await found({ familyName: 'vandenbossche' })).toEqual([ids.other]);

    const erased = await service.request({ method: 'POST', url: `/clients/${ids.other}/erasure`, headers: as.dpo });
    expect(erased.statusCode).toBe(200);
    expect(await found({ familyName: 'Van den Bossche' })).toEqual([]);
    await service.app.get(FamilyNameBackfill).indexMissing();
    // A backfill that opened the details just before the erasure writes its hash after it: deleted again at once.
    expect(await service.app.get(IdentityIndex).recordFamilyName('Van den Bossche', ids.other)).toBe(false);
    const left = rowsOf<{ kind: string }>(
      await database.query(`SELECT kind FROM clients_identity_index WHERE client_id = $1`, [ids.other]),
    );
    expect(left).toEqual([]);
  });
});
