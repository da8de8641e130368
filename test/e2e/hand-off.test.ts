import type { LightMyRequestResponse } from 'fastify';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';
import { eventually } from '../support/projections';

type Headers = Record<string, string>;
type Method = 'GET' | 'POST';

interface Named {
  readonly name: string;
}

interface LogEntry {
  readonly requestId: string;
  readonly route: string;
  readonly outcome: string;
}

const NOTE = 'Belt liever na 14 uur; spreekt weinig Nederlands.';

/**
 * The warm hand-off (docs/adr/0028, issue 19 item 1): the receiving organisation of an open referral resting on a
 * consent sees the person's name, phone, preferred language and the note, and opens its own intake for them, until
 * the consent is withdrawn (403 on the very next read) or the referral closes; others never.
 */
describe.each(testDatabaseKinds())('the warm hand-off of a referral on %s', (kind) => {
  let service: TestApp;
  let ocmwKortrijk: string;
  let ocmwMenen: string;
  let kortrijk: string;
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
    ocmwKortrijk = organisation('OCMW Kortrijk');
    ocmwMenen = organisation('OCMW Menen');
    as.kortrijk = await authHeader({ role: 'social_worker', organisationId: ocmwKortrijk });
    as.menen = await authHeader({ role: 'social_worker', organisationId: ocmwMenen });
    as.caw = await authHeader({ role: 'social_worker', organisationId: organisation('CAW Zuid-West-Vlaanderen') });
    as.dpo = await authHeader({ role: 'dpo', organisationId: organisation('W13') });
  });
  afterAll(() => service.dispose());

  const request = (method: Method, url: string, headers: Headers, payload?: object) =>
    service.request({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const ok = <T = Record<string, unknown>>(response: LightMyRequestResponse, status = 200): T => {
    expect(`${response.statusCode} ${response.body.slice(0, 300)}`).toMatch(new RegExp(`^${status} `));
    return response.json<T>();
  };

  let sequence = 0;
  /** A person of OCMW Kortrijk with a consent to share for referrals, sent to OCMW Menen with a note. */
  const referred = async () => {
    sequence += 1;
    const familyName = `Overdracht-${kind}-${sequence}`;
    const { clientId } = ok<{ clientId: string }>(
      await request('POST', '/clients', as.kortrijk, {
        givenName: 'Amélie',
        familyName,
        birthDate: '1985-07-30',
        phone: '+32 470 12 34 56',
        preferredLanguage: 'fr',
        municipalityId: kortrijk,
        household: { adults: 1, children: 0 },
        mainIncomeSource: 'social_integration_income',
      }),
      201,
    );
    const { consentId } = ok<{ consentId: string }>(
      await request('POST', `/clients/${clientId}/consents`, as.kortrijk, { scope: 'share_for_referrals' }),
      201,
    );
    const { trajectoryId } = ok<{ trajectoryId: string }>(
      await request('POST', '/intake-trajectories', as.kortrijk, { clientId, origin: 'came_in_themselves' }),
      201,
    );
    const { referralId } = ok<{ referralId: string }>(
      await request('POST', '/referrals', as.kortrijk, {
        trajectoryId,
        toOrganisationId: ocmwMenen,
        lifeDomain: 'debts',
        warm: true,
        note: NOTE,
      }),
      201,
    );
    return { clientId, consentId, referralId, familyName };
  };
  const openIntake = (headers: Headers, clientId: string, referralId: string) =>
    request('POST', '/intake-trajectories', headers, {
      clientId,
      origin: 'referred_by_partner',
      referringOrganisationId: ocmwKortrijk,
      referralId,
    });

  it('shows the receiver whom to call, lets it open its own intake, and logs every read', async () => {
    const { clientId, referralId, familyName } = await referred();

    // Before: the receiver may not see the file, nor open an intake without naming the referral.
    expect((await request('GET', `/clients/${clientId}`, as.menen)).statusCode).toBe(403);
    const unnamed = await request('POST', '/intake-trajectories', as.menen, {
      clientId,
      origin: 'referred_by_partner',
      referringOrganisationId: ocmwKortrijk,
    });
    expect(unnamed.statusCode).toBe(403);

    const read = await request('GET', `/referrals/${referralId}/hand-off`, as.menen);
    expect(ok(read)).toEqual({
      referralId,
      clientId,
      fromOrganisationId: ocmwKortrijk,
      status: 'sent',
      givenName: 'Amélie',
      familyName,
      phone: '+32 470 12 34 56',
      preferredLanguage: 'fr',
      note: NOTE,
      revision: 0,
    });
    expect(read.headers.etag).toBe('"0"');

    // Accepted, it stays open; the receiver opens its own intake for the person, from this referral.
    ok(await request('POST', `/referrals/${referralId}/acceptance`, as.menen, {}));
    const opened = ok<{ trajectoryId: string; organisationId: string }>(
      await openIntake(as.menen, clientId, referralId),
      201,
    );
    expect(opened).toMatchObject({ organisationId: ocmwMenen });
    expect(ok(await request('GET', `/intake-trajectories/${opened.trajectoryId}`, as.menen))).toMatchObject({
      origin: 'referred_by_partner',
      referringOrganisationId: ocmwKortrijk,
    });

    // Every read of the hand-off is in the access log, with the person.
    const log = ok<{ items: LogEntry[] }>(await request('GET', `/access-log?personId=${clientId}`, as.dpo));
    const entry = log.items.find((item) => item.requestId === read.headers['x-request-id']);
    expect(entry).toMatchObject({ route: '/referrals/:referralId/hand-off', outcome: 'allowed' });
  });

  it('refuses the sender, another organisation, and a closed referral', async () => {
    const { clientId, referralId } = await referred();
    expect((await request('GET', `/referrals/${referralId}/hand-off`, as.caw)).statusCode).toBe(403);
    expect((await request('GET', `/referrals/${referralId}/hand-off`, as.kortrijk)).statusCode).toBe(403);
    // Another organisation naming the referral still may not open an intake for the person.
    expect((await openIntake(as.caw, clientId, referralId)).statusCode).toBe(403);

    ok(await request('POST', `/referrals/${referralId}/decline`, as.menen, { reason: 'no_capacity' }));
    const closed = await request('GET', `/referrals/${referralId}/hand-off`, as.menen);
    expect(closed.statusCode).toBe(403);
    expect(closed.body).not.toContain('Amélie');
    expect((await openIntake(as.menen, clientId, referralId)).statusCode).toBe(403);
  });

  it('ends at once when the consent is withdrawn', async () => {
    const { clientId, consentId, referralId } = await referred();
    ok(await request('POST', `/referrals/${referralId}/acceptance`, as.menen, {}));
    ok(await request('GET', `/referrals/${referralId}/hand-off`, as.menen));

    ok(await request('POST', `/clients/${clientId}/consents/${consentId}/withdrawal`, as.kortrijk, {}));
    const after = await request('GET', `/referrals/${referralId}/hand-off`, as.menen);
    expect(after.statusCode).toBe(403);
    expect(after.body).not.toContain('+32');
    expect((await openIntake(as.menen, clientId, referralId)).statusCode).toBe(403);
  });

  it("lists a person's referrals for the sender, and for the receiver while the consent holds", async () => {
    const { clientId, consentId, referralId } = await referred();
    const listOf = async (headers: Headers) =>
      ok<{ items: { referralId: string; status: string }[] }>(
        await request('GET', `/clients/${clientId}/referrals`, headers),
      ).items.map((item) => item.referralId);
    // The list reads the read model: under load a command may answer before it caught up (at most 2 s).
    const sent = await eventually(
      'the referral in the read model',
      () => listOf(as.kortrijk),
      (ids) => ids.length > 0,
    );
    expect(sent).toEqual([referralId]);
    expect(await listOf(as.menen)).toEqual([referralId]);
    expect(await listOf(as.caw)).toEqual([]);
    ok(await request('POST', `/clients/${clientId}/consents/${consentId}/withdrawal`, as.kortrijk, {}));
    expect(await listOf(as.menen)).toEqual([]);
    expect(await listOf(as.kortrijk)).toEqual([referralId]);
  });

  it('shows the preferred language in subject access; erasure leaves no plaintext and ends the hand-off', async () => {
    const { clientId, referralId, familyName } = await referred();
    const report = ok<{ personalData: Record<string, unknown> | null }>(
      await request('GET', `/clients/${clientId}/subject-access`, as.dpo),
    );
    expect(report.personalData).toMatchObject({ familyName, phone: '+32 470 12 34 56', preferredLanguage: 'fr' });

    ok(await request('POST', `/clients/${clientId}/erasure`, as.dpo, {}));
    const after = await request('GET', `/clients/${clientId}/subject-access`, as.dpo);
    expect(after.json<{ personalData: unknown }>().personalData).toBeNull();
    expect(after.body).not.toContain(familyName);
    expect(after.body).not.toContain('+32 470');
    expect(after.body).not.toContain('"preferredLanguage":"fr"');
    expect((await request('GET', `/referrals/${referralId}/hand-off`, as.menen)).statusCode).toBe(403);
  });

  it('shows a phone and language recorded after registration, in the summary, hand-off and subject access', async () => {
    const { clientId, referralId } = await referred();
    const url = `/clients/${clientId}/contact-details`;
    // Only an organisation that sees the person changes them; bad input names the field, echoes nothing.
    expect((await request('POST', url, as.menen, { preferredLanguage: 'ar' })).statusCode).toBe(403);
    const empty = await request('POST', url, as.kortrijk, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ errors: { field: string }[] }>().errors.map((error) => error.field)).toEqual(['phone']);
    const badLanguage = await request('POST', url, as.kortrijk, { preferredLanguage: 'A1', phone: 'bel me' });
    expect(badLanguage.statusCode).toBe(400);
    expect(
      badLanguage
        .json<{ errors: { field: string }[] }>()
        .errors.map((error) => error.field)
        .sort(),
    ).toEqual(['phone', 'preferredLanguage']);
    expect(badLanguage.body).not.toContain('bel me');

    const changed = await request('POST', url, as.kortrijk, { phone: '056 22 33 44', preferredLanguage: 'ar' });
    expect(ok(changed)).toEqual({ clientId, phone: '056 22 33 44', preferredLanguage: 'ar', revision: 2 });
    expect(changed.headers.etag).toBe('"2"');
    // The same again writes nothing; clearing the phone keeps the language.
    expect(ok(await request('POST', url, as.kortrijk, { preferredLanguage: 'ar' }))).toMatchObject({ revision: 2 });
    expect(ok(await request('GET', `/clients/${clientId}`, as.kortrijk))).toMatchObject({
      phone: '056 22 33 44',
      preferredLanguage: 'ar',
      givenName: 'Amélie',
    });
    expect(ok(await request('GET', `/referrals/${referralId}/hand-off`, as.menen))).toMatchObject({
      phone: '056 22 33 44',
      preferredLanguage: 'ar',
    });
    const report = ok<{ events: { type: string; data: { personalData?: unknown } }[] }>(
      await request('GET', `/clients/${clientId}/subject-access`, as.dpo),
    );
    expect(report.events.find((event) => event.type === 'ClientContactDetailsChanged')).toMatchObject({
      data: { personalData: { phone: '056 22 33 44', preferredLanguage: 'ar' } },
    });

    ok(await request('POST', `/clients/${clientId}/erasure`, as.dpo, {}));
    const erased = await request('GET', `/clients/${clientId}/subject-access`, as.dpo);
    expect(erased.body).not.toContain('056 22 33 44');
    const refused = await request('POST', url, as.kortrijk, { preferredLanguage: 'nl' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ code: string }>().code).toBe('CLIENT_ERASED');
  });

  it('answers bad input with 4xx naming the field', async () => {
    const malformed = await request('GET', '/referrals/not-a-uuid/hand-off', as.menen);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<{ errors: { field: string }[] }>().errors.map((error) => error.field)).toEqual([
      'referralId',
    ]);
    const unknown = await request('GET', '/referrals/3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11/hand-off', as.menen);
    expect(unknown.statusCode).toBe(404);

    const { clientId, referralId } = await referred();
    const wrongOrigin = await request('POST', '/intake-trajectories', as.menen, {
      clientId,
      origin: 'came_in_themselves',
      referralId,
    });
    expect(wrongOrigin.statusCode).toBe(400);
    expect(wrongOrigin.json<{ errors: { field: string }[] }>().errors.map((error) => error.field)).toEqual([
      'referralId',
    ]);
    const badLanguage = await request('POST', '/clients', as.kortrijk, {
      givenName: 'Amélie',
      familyName: 'Taal',
      birthDate: '1985-07-30',
      preferredLanguage: 'Frans',
      municipalityId: kortrijk,
      household: { adults: 1, children: 0 },
      mainIncomeSource: 'social_integration_income',
    });
    expect(badLanguage.statusCode).toBe(400);
    expect(badLanguage.json<{ errors: { field: string }[] }>().errors.map((error) => error.field)).toEqual([
      'preferredLanguage',
    ]);
    expect(badLanguage.body).not.toContain('Frans');
  });
});
