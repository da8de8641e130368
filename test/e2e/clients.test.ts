import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { ClientAccessQuery, ClientReportingQuery } from '../../src/clients';
import { DataSource } from 'typeorm';
import { BlindIndex, rowsOf } from '../../src/shared/crypto';
import type { Position } from '../../src/shared/event-store';
import { ProjectionRunner } from '../../src/shared/projections';
import { startTestApp, type TestApp } from '../support/app';
import { brusselsToday, recordedToday } from '../support/dates';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';
import { committedEvents, committedHead } from '../support/event-log';

type Headers = Record<string, string>;

interface Named {
  readonly name: string;
}

/** Today in Belgium, as the service decides it. */

/** A valid INSZ for a birth date and sequence number: 97 minus the nine digits (with a 2 before them from 2000). */
function inszOf(birthDate: string, sequence: number): string {
  const [year, month, day] = birthDate.split('-');
  const base = `${year!.slice(2)}${month}${day}${String(sequence).padStart(3, '0')}`;
  const check = 97 - (Number(`${Number(year) >= 2000 ? '2' : ''}${base}`) % 97);
  return `${base}${String(check).padStart(2, '0')}`;
}

/**
 * Retries an assertion on an eventually consistent read model until it holds (or 20 s pass): the projections of a
 * busy test server may lag behind a command's 2-second read-your-writes wait.
 */
async function eventually<T>(assertion: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

let sequence = 100;
/** A person of their own for each test: distinct INSZ, so that tests do not find each other's people. */
function person(municipalityId: string, overrides: Record<string, unknown> = {}) {
  sequence += 2;
  const birthDate = (overrides.birthDate as string | undefined) ?? '1985-07-30';
  return {
    givenName: 'Amélie',
    familyName: `Vandecasteele-${sequence}`,
    birthDate,
    insz: inszOf(birthDate, sequence),
    phone: '+32 470 12 34 56',
    address: { street: 'Grote Markt', houseNumber: '54', box: null, postalCode: '8500', place: 'Kortrijk' },
    municipalityId,
    household: { adults: 1, children: 2 },
    mainIncomeSource: 'social_integration_income',
    ...overrides,
  };
}

describe.each(testDatabaseKinds())('people, consent and erasure on %s', (kind) => {
  let service: TestApp;
  let kortrijk: string;
  let menen: string;
  let ocmwKortrijk: string;
  let ocmwMenen: string;
  let caw: string;
  const as: Record<'kortrijk' | 'menen' | 'caw' | 'dpo' | 'coordinator' | 'analyst', Headers> = {} as never;

  beforeAll(async () => {
    service = await startTestApp({ kind, env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' } });
    const admin = await authHeader({ role: 'admin' });
    const list = async <T>(url: string) =>
      (await service.request({ method: 'GET', url: `${url}?limit=200`, headers: admin })).json<{ items: T[] }>().items;
    const municipalities = await list<Named & { municipalityId: string }>('/municipalities');
    const organisations = await list<Named & { organisationId: string }>('/organisations');
    const municipality = (name: string) => municipalities.find((item) => item.name === name)!.municipalityId;
    const organisation = (name: string) => organisations.find((item) => item.name === name)!.organisationId;
    kortrijk = municipality('Kortrijk');
    menen = municipality('Menen');
    ocmwKortrijk = organisation('OCMW Kortrijk');
    ocmwMenen = organisation('OCMW Menen');
    caw = organisation('CAW Zuid-West-Vlaanderen');
    as.kortrijk = await authHeader({ role: 'social_worker', organisationId: ocmwKortrijk });
    as.menen = await authHeader({ role: 'social_worker', organisationId: ocmwMenen });
    as.caw = await authHeader({ role: 'social_worker', organisationId: caw });
    as.dpo = await authHeader({ role: 'dpo', organisationId: ocmwKortrijk });
    as.coordinator = await authHeader({ role: 'coordinator', organisationId: ocmwKortrijk });
    as.analyst = await authHeader({ role: 'analyst', organisationId: ocmwKortrijk });
  });
  afterAll(() => service.dispose());

  const head = (): Promise<Position | undefined> => committedHead(service.app.get(DataSource));
  const request = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) =>
    service.request({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const register = async (payload: object, headers = as.kortrijk) => {
    const response = await request('POST', '/clients', headers, payload);
    if (response.statusCode !== 201) throw new Error(`registration: ${response.statusCode} ${response.body}`);
    return response.json<{ clientId: string }>().clientId;
  };
  const fieldsOf = (response: LightMyRequestResponse) =>
    response
      .json<{ errors: { field: string }[] }>()
      .errors.map((error) => error.field)
      .sort();

  it('registers a person, shows the registering organisation their summary, and logs every access', async () => {
    const body = person(kortrijk);
    const registered = await request('POST', '/clients', as.kortrijk, body);
    expect(registered.statusCode).toBe(201);
    const { clientId, outcome, possibleDuplicates } = registered.json();
    expect({ outcome, possibleDuplicates }).toEqual({ outcome: 'registered', possibleDuplicates: [] });
    expect(registered.headers.location).toBe(`/clients/${clientId}`);
    expect(registered.headers.etag).toBe('"0"');

    const read = await request('GET', `/clients/${clientId}`, as.kortrijk);
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"0"');
    expect(read.json()).toEqual({
      clientId,
      givenName: body.givenName,
      familyName: body.familyName,
      birthDate: body.birthDate,
      insz: body.insz,
      phone: body.phone,
      preferredLanguage: null,
      address: body.address,
      municipalityId: kortrijk,
      municipalitySince: null,
      household: { adults: 1, children: 2 },
      mainIncomeSource: 'social_integration_income',
      registeredBy: ocmwKortrijk,
      registeredOn: recordedToday(),
      consents: [],
      revision: 0,
    });

    const log = await request('GET', `/access-log?personId=${clientId}`, as.dpo);
    const entries = log.json<{ items: { route: string; action: string; outcome: string; resourceId: string }[] }>()
      .items;
    expect(entries.map((entry) => `${entry.action} ${entry.route} ${entry.outcome}`)).toEqual([
      'read /clients/:clientId allowed',
      'write /clients allowed',
    ]);
    expect(log.body).not.toContain(body.familyName);
  });

  it('refuses other organisations and other roles the same 403, revealing nothing; unknown people are 404', async () => {
    const body = person(kortrijk);
    const clientId = await register(body);
    for (const headers of [as.menen, as.caw, as.coordinator, as.analyst, as.dpo]) {
      const response = await request('GET', `/clients/${clientId}`, headers);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({
        code: 'FORBIDDEN',
        title: 'Access denied',
        detail: 'You may not do this.',
      });
      expect(response.body).not.toContain(body.familyName);
    }
    expect((await request('GET', `/clients/${randomUUID()}`, as.kortrijk)).statusCode).toBe(404);
    expect((await request('GET', '/clients/not-a-uuid', as.kortrijk)).statusCode).toBe(400);
    const log = await request('GET', `/access-log?personId=${clientId}`, as.dpo);
    expect(log.json<{ items: { outcome: string; organisationId: string }[] }>().items).toContainEqual(
      expect.objectContaining({ outcome: 'denied', organisationId: ocmwMenen }),
    );
  });

  it('registers an INSZ once: a second registration, from any organisation, gets the id only and stores nothing', async () => {
    const body = person(kortrijk);
    const clientId = await register(body);
    const before = await head();
    for (const [headers, insz] of [
      [as.kortrijk, body.insz],
      [
        as.menen,
        `${body.insz.slice(0, 2)}.${body.insz.slice(2, 4)}.${body.insz.slice(4, 6)}-${body.insz.slice(6, 9)}.${body.insz.slice(9)}`,
      ],
    ] as const) {
      const again = await request('POST', '/clients', headers, {
        ...body,
        insz,
        givenName: 'Somebody',
        familyName: 'Else',
      });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ clientId, outcome: 'already_registered', possibleDuplicates: [] });
      expect(again.headers.location).toBe(`/clients/${clientId}`);
      expect(again.body).not.toContain(body.familyName);
    }
    expect(await head()).toEqual(before);
    // Still not visible to Menen: knowing an INSZ gives no access.
    expect((await request('GET', `/clients/${clientId}`, as.menen)).statusCode).toBe(403);
  });

  it('registers one person when organisations register the same INSZ at the same moment', async () => {
    const body = person(kortrijk);
    const before = await head();
    const responses = await Promise.all(
      [as.kortrijk, as.menen, as.caw, as.kortrijk, as.menen, as.caw].map((headers) =>
        request('POST', '/clients', headers, body),
      ),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((response) => response.json<{ clientId: string }>().clientId)).size).toBe(1);
    const written = await committedEvents(service.app.get(DataSource), before);
    expect(written.filter((event) => event.type === 'ClientRegistered')).toHaveLength(1);
  });

  it('completes a registration whose INSZ claim was left behind by a crash, under the claimed id', async () => {
    const body = person(kortrijk);
    const orphan = randomUUID();
    await service.app
      .get(DataSource)
      .query(`INSERT INTO clients_identity_index (kind, blind_index, client_id) VALUES ('insz', $1, $2)`, [
        service.app.get(BlindIndex).of('client.insz', body.insz),
        orphan,
      ]);
    const registered = await request('POST', '/clients', as.kortrijk, body);
    expect(registered.statusCode).toBe(201);
    expect(registered.json().clientId).toBe(orphan);
    expect((await request('GET', `/clients/${orphan}`, as.kortrijk)).json()).toMatchObject({ insz: body.insz });
  });

  it('warns of possible duplicates by name and birth date when there is no INSZ', async () => {
    const first = await register(
      person(kortrijk, { givenName: 'Jan', familyName: `Peeters-${sequence}`, birthDate: '1990-01-01', insz: null }),
    );
    const familyName = `Peeters-${sequence - 2}`;
    const second = await request(
      'POST',
      '/clients',
      as.menen,
      person(menen, { givenName: ' JAN ', familyName: familyName.toLowerCase(), birthDate: '1990-01-01', insz: null }),
    );
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ outcome: 'registered', possibleDuplicates: [first] });
    const other = await request(
      'POST',
      '/clients',
      as.menen,
      person(menen, { givenName: 'Jan', familyName, birthDate: '1990-01-02', insz: null }),
    );
    expect(other.json()).toMatchObject({ outcome: 'registered', possibleDuplicates: [] });
  });

  it('answers 400 listing every invalid field, and stores nothing', async () => {
    const before = await head();
    const response = await request('POST', '/clients', as.kortrijk, {
      ...person(kortrijk),
      insz: '85073003329',
      birthDate: '2999-01-01',
      municipalityId: randomUUID(),
      household: { adults: 0, children: 0 },
      phone: 'call me maybe',
      address: { street: '', houseNumber: '1', postalCode: '850', place: 'Kortrijk' },
      nickname: 'Ame',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(fieldsOf(response)).toEqual(
      [
        // `nickname` is unknown: counted, not named (docs/api.md).
        '(unknown fields)',
        'address.postalCode',
        'address.street',
        'birthDate',
        'household',
        'insz',
        'municipalityId',
        'phone',
      ].sort(),
    );
    expect(response.body).not.toContain('85073003329');

    const impossible = await request('POST', '/clients', as.kortrijk, {
      ...person(kortrijk),
      insz: '85133003370',
    });
    expect(impossible.json().errors).toEqual([
      { field: 'insz', messages: ['insz holds an impossible or future birth date'] },
    ]);
    const mismatch = await request('POST', '/clients', as.kortrijk, { ...person(kortrijk), birthDate: '1985-07-31' });
    expect(mismatch.json().errors).toEqual([{ field: 'insz', messages: ['insz does not match birthDate'] }]);
    expect((await request('POST', '/clients', as.kortrijk, [])).statusCode).toBe(400);
    expect(await head()).toEqual(before);

    // Born in 2003: the check number with the 2 before the nine digits.
    expect(
      (await request('POST', '/clients', as.kortrijk, person(kortrijk, { birthDate: '2003-02-14' }))).statusCode,
    ).toBe(201);
  });

  it('shares a person with an organisation while its consent holds, until withdrawn', async () => {
    const clientId = await register(person(kortrijk));
    expect((await request('GET', `/clients/${clientId}`, as.menen)).statusCode).toBe(403);

    const before = await head();
    for (const [payload, field] of [
      [
        {
          scope: 'share_with_organisation',
          organisationId: ocmwMenen,
          validFrom: '2026-06-01',
          validUntil: '2026-05-31',
        },
        'validUntil',
      ],
      [{ scope: 'share_with_organisation' }, 'organisationId'],
      [{ scope: 'share_with_organisation', organisationId: randomUUID() }, 'organisationId'],
      [{ scope: 'reporting', organisationId: ocmwMenen }, 'organisationId'],
      [{ scope: 'marketing' }, 'scope'],
      [{ scope: 'reporting', validFrom: '2026-02-30' }, 'validFrom'],
    ] as const) {
      const refused = await request('POST', `/clients/${clientId}/consents`, as.kortrijk, payload);
      expect({ status: refused.statusCode, fields: fieldsOf(refused) }).toEqual({ status: 400, fields: [field] });
    }
    expect(await head()).toEqual(before);

    const given = await request('POST', `/clients/${clientId}/consents`, as.kortrijk, {
      scope: 'share_with_organisation',
      organisationId: ocmwMenen,
      validUntil: '2099-12-31',
    });
    expect(given.statusCode).toBe(201);
    expect(given.headers.etag).toBe('"1"');
    const consent = given.json();
    expect(consent).toMatchObject({
      scope: 'share_with_organisation',
      organisationId: ocmwMenen,
      validFrom: recordedToday(),
      validUntil: '2099-12-31',
      withdrawnOn: null,
      recordedBy: ocmwKortrijk,
      revision: 1,
    });

    const seen = await request('GET', `/clients/${clientId}`, as.menen);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().consents).toEqual([
      {
        consentId: consent.consentId,
        scope: 'share_with_organisation',
        organisationId: ocmwMenen,
        validFrom: recordedToday(),
        validUntil: '2099-12-31',
        withdrawnOn: null,
        recordedBy: ocmwKortrijk,
      },
    ]);
    // Not the CAW, which no consent names.
    expect((await request('GET', `/clients/${clientId}`, as.caw)).statusCode).toBe(403);

    const withdrawal = `/clients/${clientId}/consents/${consent.consentId}/withdrawal`;
    expect((await request('POST', withdrawal, as.menen, { withdrawnOn: '2999-01-01' })).statusCode).toBe(400);
    const withdrawn = await request('POST', withdrawal, as.menen, {});
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ withdrawnOn: recordedToday(), revision: 2 });
    expect((await request('GET', `/clients/${clientId}`, as.menen)).statusCode).toBe(403);
    const again = await request('POST', withdrawal, as.kortrijk);
    expect(again.json()).toMatchObject({ withdrawnOn: recordedToday(), revision: 2 });
    expect(
      (await request('POST', `/clients/${clientId}/consents/${randomUUID()}/withdrawal`, as.kortrijk)).statusCode,
    ).toBe(404);

    // A consent that starts later shares nothing yet.
    await request('POST', `/clients/${clientId}/consents`, as.kortrijk, {
      scope: 'share_with_organisation',
      organisationId: ocmwMenen,
      validFrom: '2099-01-01',
    });
    expect((await request('GET', `/clients/${clientId}`, as.menen)).statusCode).toBe(403);
  });

  it('lets an organisation the person comes to record their consent to share with itself, proven by the INSZ', async () => {
    const body = person(kortrijk);
    const clientId = await register(body);
    const ask = (payload: object) => request('POST', `/clients/${clientId}/consents`, as.caw, payload);
    const forItself = { scope: 'share_with_organisation', organisationId: caw };
    expect((await ask(forItself)).statusCode).toBe(403);
    expect((await ask({ ...forItself, insz: inszOf('1985-07-30', 1) })).statusCode).toBe(403);
    expect((await ask({ ...forItself, organisationId: ocmwMenen, insz: body.insz })).statusCode).toBe(403);
    expect((await ask({ scope: 'reporting', insz: body.insz })).statusCode).toBe(403);
    const granted = await ask({ ...forItself, insz: body.insz });
    expect(granted.statusCode).toBe(201);
    expect(granted.json()).toMatchObject({ organisationId: caw, recordedBy: caw });
    expect((await request('GET', `/clients/${clientId}`, as.caw)).json()).toMatchObject({
      familyName: body.familyName,
    });
  });

  it('records moves with the date they took effect', async () => {
    const clientId = await register(person(kortrijk));
    const before = await head();
    const refused = await request('POST', `/clients/${clientId}/moves`, as.kortrijk, {
      municipalityId: randomUUID(),
      effectiveDate: '2999-01-01',
      address: { street: 'Rijselstraat', houseNumber: '7', postalCode: 'x', place: 'Menen' },
    });
    expect(fieldsOf(refused)).toEqual(['address.postalCode', 'effectiveDate', 'municipalityId']);
    expect(await head()).toEqual(before);

    const newAddress = { street: 'Rijselstraat', houseNumber: '7', box: 'b2', postalCode: '8930', place: 'Menen' };
    const moved = await request('POST', `/clients/${clientId}/moves`, as.kortrijk, {
      municipalityId: menen,
      effectiveDate: '2026-01-15',
      address: newAddress,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toEqual({
      clientId,
      municipalityId: menen,
      effectiveDate: '2026-01-15',
      currentMunicipalityId: menen,
      revision: 1,
    });
    expect((await request('GET', `/clients/${clientId}`, as.kortrijk)).json()).toMatchObject({
      municipalityId: menen,
      municipalitySince: '2026-01-15',
      address: newAddress,
      revision: 1,
    });
    // The same move again changes nothing; another municipality on that date is refused.
    expect(
      (
        await request('POST', `/clients/${clientId}/moves`, as.kortrijk, {
          municipalityId: menen,
          effectiveDate: '2026-01-15',
        })
      ).json(),
    ).toMatchObject({ revision: 1 });
    const conflict = await request('POST', `/clients/${clientId}/moves`, as.kortrijk, {
      municipalityId: kortrijk,
      effectiveDate: '2026-01-15',
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ code: 'MOVE_ALREADY_RECORDED' });

    const registered = await service.app.get(ClientAccessQuery).of(clientId);
    expect(registered.municipalityOfResidence('2026-01-14')).toBe(kortrijk);
    expect(registered.municipalityOfResidence('2026-01-15')).toBe(menen);
  });

  it('finds people again by INSZ or by name and birth date, with ids only', async () => {
    const body = person(kortrijk);
    const clientId = await register(body);
    const byInsz = await request('POST', '/clients/lookups', as.menen, { insz: body.insz });
    expect(byInsz.statusCode).toBe(200);
    expect(byInsz.json()).toEqual({ matches: [{ clientId, visible: false }] });
    const byName = await request('POST', '/clients/lookups', as.kortrijk, {
      givenName: 'amelie',
      familyName: body.familyName.toUpperCase(),
      birthDate: body.birthDate,
    });
    expect(byName.json()).toEqual({ matches: [{ clientId, visible: true }] });
    expect(
      (await request('POST', '/clients/lookups', as.kortrijk, { insz: inszOf('1970-01-01', 999) })).json(),
    ).toEqual({ matches: [] });
    const bad = await request('POST', '/clients/lookups', as.kortrijk, { givenName: 'Amélie' });
    expect(fieldsOf(bad)).toEqual(['birthDate', 'familyName']);
    const log = await request('GET', `/access-log?personId=${clientId}`, as.dpo);
    expect(log.json<{ items: { route: string }[] }>().items.map((entry) => entry.route)).toContain('/clients/lookups');
  });

  it('answers the questions other capabilities ask: may see, may share for referrals, may count', async () => {
    const clientId = await register(person(kortrijk));
    await request('POST', `/clients/${clientId}/consents`, as.kortrijk, { scope: 'reporting' });
    await request('POST', `/clients/${clientId}/consents`, as.kortrijk, {
      scope: 'share_for_referrals',
      validFrom: '2099-01-01',
    });
    const access = service.app.get(ClientAccessQuery);
    const registered = await access.of(clientId);
    const now = new Date();
    expect(registered.maySee(ocmwKortrijk, now)).toBe(true);
    expect(registered.maySee(ocmwMenen, now)).toBe(false);
    expect(registered.organisationsThatMaySee(now)).toEqual([ocmwKortrijk]);
    expect(registered.mayCountInReporting(now)).toBe(true);
    expect(registered.mayShareForReferrals(now)).toBe(false);
    expect(registered.mayShareForReferrals(new Date('2099-06-01T12:00:00Z'))).toBe(true);
    expect(registered.validConsentId('share_for_referrals', null, now)).toBeUndefined();
    expect(registered.status).toBe('registered');
    const stranger = await access.of(randomUUID());
    expect(stranger.mayCountInReporting(now)).toBe(false);
    expect(stranger.status).toBe('unregistered');

    const reporting = service.app.get(ClientReportingQuery);
    const other = await register(person(kortrijk));
    await eventually(async () => {
      expect([...(await reporting.countable([clientId, other], brusselsToday()))]).toEqual([clientId]);
      expect((await reporting.countByMunicipality(brusselsToday())).get(kortrijk)).toBeGreaterThanOrEqual(1);
    });
  });

  it('gives the data-protection officer everything held about a person, and nobody else', async () => {
    const body = person(kortrijk);
    const clientId = await register(body);
    await request('GET', `/clients/${clientId}`, as.kortrijk);
    expect((await request('GET', `/clients/${clientId}/subject-access`, as.kortrijk)).statusCode).toBe(403);
    expect((await request('GET', `/clients/${randomUUID()}/subject-access`, as.dpo)).statusCode).toBe(404);

    // The read-model rows are part of the report: wait until the projections hold them.
    const report = await eventually(async () => {
      const response = await request('GET', `/clients/${clientId}/subject-access`, as.dpo);
      expect(response.json<{ readModels: { clients_people: unknown } }>().readModels.clients_people).not.toBeNull();
      return response;
    });
    expect(report.statusCode).toBe(200);
    const json = report.json<{
      events: unknown[];
      readModels: {
        clients_people: { personalData: { familyName: string } };
        clients_register: unknown;
        clients_identity_index: { kind: string }[];
      };
      accessLog: { route: string; outcome: string }[];
    }>();
    expect(json).toMatchObject({
      clientId,
      status: 'registered',
      personalData: { givenName: body.givenName, familyName: body.familyName, insz: body.insz, phone: body.phone },
      dataKey: { state: 'active' },
    });
    expect(json.events).toEqual([
      expect.objectContaining({
        type: 'ClientRegistered',
        organisationId: ocmwKortrijk,
        data: expect.objectContaining({ personalData: expect.objectContaining({ familyName: body.familyName }) }),
      }),
    ]);
    expect(json.readModels.clients_people.personalData.familyName).toBe(body.familyName);
    expect(json.readModels.clients_register).toMatchObject({ birthYear: 1985, erased: false });
    expect(json.readModels.clients_identity_index.map((row) => row.kind)).toEqual([
      'family_name',
      'insz',
      'name_birth_date',
    ]);
    // The refused attempt above is there too: refusals are logged.
    expect(json.accessLog.map((entry) => `${entry.route} ${entry.outcome}`)).toEqual([
      '/clients/:clientId/subject-access denied',
      '/clients/:clientId allowed',
      '/clients allowed',
    ]);
  });

  it("erases on the data-protection officer's request only, idempotently; afterwards the person is gone", async () => {
    const body = person(kortrijk);
    const clientId = await register(body);
    const consent = await request('POST', `/clients/${clientId}/consents`, as.kortrijk, { scope: 'reporting' });
    expect((await request('POST', `/clients/${clientId}/erasure`, as.kortrijk)).statusCode).toBe(403);
    expect((await request('POST', `/clients/${randomUUID()}/erasure`, as.dpo)).statusCode).toBe(404);

    const erased = await request('POST', `/clients/${clientId}/erasure`, as.dpo);
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toEqual({ clientId, status: 'erased', erasedOn: recordedToday(), revision: 2 });
    const before = await head();
    const again = await request('POST', `/clients/${clientId}/erasure`, as.dpo);
    expect(again.json()).toEqual(erased.json());
    expect(await head()).toEqual(before);

    const gone = await request('GET', `/clients/${clientId}`, as.kortrijk);
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ code: 'CLIENT_ERASED' });
    expect((await request('GET', `/clients/${clientId}`, as.menen)).statusCode).toBe(403);
    const move = await request('POST', `/clients/${clientId}/moves`, as.kortrijk, {
      municipalityId: menen,
      effectiveDate: '2026-01-01',
    });
    expect(move.json()).toMatchObject({ status: 409, code: 'CLIENT_ERASED' });
    expect(
      (
        await request('POST', `/clients/${clientId}/consents/${consent.json().consentId}/withdrawal`, as.kortrijk)
      ).json(),
    ).toMatchObject({ code: 'CLIENT_ERASED' });
    expect((await request('POST', '/clients/lookups', as.kortrijk, { insz: body.insz })).json()).toEqual({
      matches: [],
    });

    const report = (await request('GET', `/clients/${clientId}/subject-access`, as.dpo)).json();
    expect(report).toMatchObject({ status: 'erased', personalData: null, dataKey: { state: 'shredded' } });
    expect(report.events[0].data.personalData).toEqual({ sealed: true, readable: false });
    expect(JSON.stringify(report)).not.toContain(body.familyName);
    // Still counted, anonymously.
    expect((await service.app.get(ClientAccessQuery).of(clientId)).mayCountInReporting(new Date())).toBe(true);

    // Forgotten: the INSZ registers a new person.
    const reborn = await request('POST', '/clients', as.kortrijk, body);
    expect(reborn.statusCode).toBe(201);
    expect(reborn.json().clientId).not.toBe(clientId);
  });

  it('answers a retried registration from its first result (Idempotency-Key), storing nothing twice', async () => {
    const body = person(kortrijk);
    const key = { 'idempotency-key': `register-${randomUUID()}` };
    const first = await request('POST', '/clients', { ...as.kortrijk, ...key }, body);
    const before = await head();
    const retry = await request('POST', '/clients', { ...as.kortrijk, ...key }, body);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(await head()).toEqual(before);
  });
  // Last: it stops the projections of this app.
  it('answers the summary from the events while the read models lag behind', async () => {
    const clientId = await register(person(kortrijk));
    const peopleRows = async () =>
      rowsOf<{ revision: string }>(
        await service.app.get(DataSource).query('SELECT revision FROM clients_people WHERE client_id = $1', [clientId]),
      );
    await eventually(async () => expect(await peopleRows()).toEqual([{ revision: '0' }]));
    await service.app.get(ProjectionRunner).stop();
    await request('POST', `/clients/${clientId}/consents`, as.kortrijk, { scope: 'reporting' });
    const moved = await request('POST', `/clients/${clientId}/moves`, as.kortrijk, {
      municipalityId: menen,
      effectiveDate: '2026-02-01',
      address: { street: 'Ieperstraat', houseNumber: '12', postalCode: '8930', place: 'Menen' },
    });
    expect(moved.statusCode).toBe(200);
    expect(await peopleRows()).toEqual([{ revision: '0' }]);
    const read = await request('GET', `/clients/${clientId}`, as.kortrijk);
    expect(read.headers.etag).toBe('"2"');
    expect(read.json()).toMatchObject({
      municipalityId: menen,
      municipalitySince: '2026-02-01',
      address: { street: 'Ieperstraat', box: null },
      consents: [expect.objectContaining({ scope: 'reporting', validFrom: recordedToday() })],
      revision: 2,
    });
  });
});
