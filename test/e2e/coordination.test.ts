import type { LightMyRequestResponse } from 'fastify';
import { DataSource } from 'typeorm';
import { addDays } from '../../src/shared/domain/calendar';
import type { Position } from '../../src/shared/event-store';
import { startTestApp, type TestApp } from '../support/app';
import { MovableClock } from '../support/referral-flow';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';
import { committedHead } from '../support/event-log';

type Headers = Record<string, string>;
type Method = 'GET' | 'POST' | 'PATCH';
type Body = Record<string, unknown>;

interface Named {
  readonly name: string;
}

/**
 * Issue 19's referral fixes and the coordinators' views (docs/adr/0026): a referral registered late, closing an
 * intake with open referrals, and the coordination views' filters, names, overdue after acceptance and the
 * non-personal view of a referral.
 */
describe.each(testDatabaseKinds())('referral coordination on %s', (kind) => {
  const clock = new MovableClock();
  let service: TestApp;
  const org: Record<'kortrijk' | 'menen' | 'caw' | 'w13', string> = {} as never;
  const town: Record<'kortrijk' | 'menen', string> = {} as never;
  const as: Record<'kortrijk' | 'menen' | 'caw' | 'coordinator' | 'admin', Headers> = {} as never;

  beforeAll(async () => {
    service = await startTestApp({
      kind,
      clock,
      env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' },
    });
    as.admin = await authHeader({ role: 'admin' });
    const list = async <T>(url: string) =>
      (await service.request({ method: 'GET', url: `${url}?limit=200`, headers: as.admin })).json<{ items: T[] }>()
        .items;
    const municipalities = await list<Named & { municipalityId: string }>('/municipalities');
    const organisations = await list<Named & { organisationId: string }>('/organisations');
    const municipality = (name: string) => municipalities.find((item) => item.name === name)!.municipalityId;
    const organisation = (name: string) => organisations.find((item) => item.name === name)!.organisationId;
    town.kortrijk = municipality('Kortrijk');
    town.menen = municipality('Menen');
    org.kortrijk = organisation('OCMW Kortrijk');
    org.menen = organisation('OCMW Menen');
    org.caw = organisation('CAW Zuid-West-Vlaanderen');
    org.w13 = organisation('W13');
    as.kortrijk = await authHeader({ role: 'social_worker', organisationId: org.kortrijk });
    as.menen = await authHeader({ role: 'social_worker', organisationId: org.menen });
    as.caw = await authHeader({ role: 'social_worker', organisationId: org.caw });
    as.coordinator = await authHeader({ role: 'coordinator', organisationId: org.w13 });
  });
  afterAll(() => service.dispose());
  afterEach(() => clock.reset());

  const head = (): Promise<Position | undefined> => committedHead(service.app.get(DataSource));
  const request = (method: Method, url: string, headers: Headers, payload?: object) =>
    service.request({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const ok = <T = Body>(response: LightMyRequestResponse, status = 200): T => {
    expect(`${response.statusCode} ${response.body.slice(0, 300)}`).toMatch(new RegExp(`^${status} `));
    return response.json<T>();
  };
  const refused = (response: LightMyRequestResponse, status: number) => {
    expect(`${response.statusCode} ${response.body.slice(0, 300)}`).toMatch(new RegExp(`^${status} `));
    return response.json<{ code: string; errors?: { field: string }[] } & Body>();
  };
  const fieldsOf = (response: LightMyRequestResponse) =>
    refused(response, 400)
      .errors!.map((error) => error.field)
      .sort();

  let sequence = 0;
  /** A person registered by OCMW Kortrijk with a consent to share for referrals. */
  const person = async () => {
    sequence += 1;
    const registered = ok(
      await request('POST', '/clients', as.kortrijk, {
        givenName: 'Amélie',
        familyName: `Coordination-${kind}-${sequence}`,
        birthDate: '1985-07-30',
        municipalityId: town.kortrijk,
        household: { adults: 1, children: 2 },
        mainIncomeSource: 'social_integration_income',
      }),
      201,
    );
    const clientId = registered.clientId as string;
    ok(await request('POST', `/clients/${clientId}/consents`, as.kortrijk, { scope: 'share_for_referrals' }), 201);
    return clientId;
  };

  /** An open intake trajectory of OCMW Kortrijk for a new person, opened on `openedOn` (default today). */
  const trajectory = async (openedOn?: string) => {
    const clientId = await person();
    const opened = ok(
      await request('POST', '/intake-trajectories', as.kortrijk, {
        clientId,
        origin: 'came_in_themselves',
        ...(openedOn === undefined ? {} : { occurredOn: openedOn }),
      }),
      201,
    );
    return { clientId, trajectoryId: opened.trajectoryId as string };
  };

  const sendFrom = (trajectoryId: string, body: Body = {}) =>
    request('POST', '/referrals', as.kortrijk, {
      trajectoryId,
      toOrganisationId: org.menen,
      service: 'eviction prevention',
      lifeDomain: 'debts',
      warm: true,
      note: 'Zij wil een afspraak over haar schulden.',
      ...body,
    });

  describe('a referral registered late (occurredOn)', () => {
    it('is dated when it was sent, and its due date counts from that day', async () => {
      const today = clock.today();
      const { trajectoryId } = await trajectory(addDays(today, -10));
      const sent = ok(await sendFrom(trajectoryId, { occurredOn: addDays(today, -5) }), 201);
      expect(sent).toMatchObject({
        status: 'sent',
        sentOn: addDays(today, -5),
        dueOn: addDays(today, 9),
        responseDeadlineDays: 14,
      });
      // On the day the trajectory was opened is allowed; without occurredOn it is today.
      ok(await sendFrom(trajectoryId, { occurredOn: addDays(today, -10) }), 201);
      expect(ok(await sendFrom(trajectoryId), 201)).toMatchObject({ sentOn: today, dueOn: addDays(today, 14) });
    });

    it('is refused in the future, before the trajectory was opened, or not a date: 400 naming occurredOn', async () => {
      const today = clock.today();
      const { trajectoryId } = await trajectory(addDays(today, -3));
      const before = await head();
      for (const occurredOn of [addDays(today, 1), addDays(today, -4), '2026-02-30', 'yesterday']) {
        const response = await sendFrom(trajectoryId, { occurredOn });
        expect({ occurredOn, fields: fieldsOf(response) }).toEqual({ occurredOn, fields: ['occurredOn'] });
        expect(response.body).not.toContain(occurredOn);
      }
      expect(await head()).toEqual(before);
    });

    it('applies to sending again: dated late, never before the trajectory was opened', async () => {
      const today = clock.today();
      const { trajectoryId } = await trajectory(addDays(today, -6));
      const first = ok(await sendFrom(trajectoryId, { occurredOn: addDays(today, -6) }), 201);
      ok(
        await request('POST', `/referrals/${first.referralId as string}/decline`, as.menen, { reason: 'no_capacity' }),
      );
      const again = (occurredOn: string) =>
        request('POST', `/referrals/${first.referralId as string}/referral-again`, as.kortrijk, {
          toOrganisationId: org.caw,
          occurredOn,
        });
      expect(fieldsOf(await again(addDays(today, -7)))).toEqual(['occurredOn']);
      expect(fieldsOf(await again(addDays(today, 1)))).toEqual(['occurredOn']);
      const second = ok(await again(addDays(today, -2)), 201);
      expect(second).toMatchObject({ sentOn: addDays(today, -2), previousReferralId: first.referralId });
      expect(second.dueOn).toBe(addDays(addDays(today, -2), second.responseDeadlineDays as number));
    });
  });

  describe('closing an intake with open referrals', () => {
    const close = (trajectoryId: string, body: Body = {}) =>
      request('POST', `/intake-trajectories/${trajectoryId}/closure`, as.kortrijk, {
        outcome: 'referred_on',
        ...body,
      });

    it('is refused with the open referrals’ ids, unless they are kept explicitly', async () => {
      const { clientId, trajectoryId } = await trajectory();
      const open = ok(await sendFrom(trajectoryId), 201);
      const declined = ok(await sendFrom(trajectoryId), 201);
      ok(await request('POST', `/referrals/${declined.referralId as string}/decline`, as.menen, { reason: 'other' }));
      const accepted = ok(await sendFrom(trajectoryId), 201);
      ok(await request('POST', `/referrals/${accepted.referralId as string}/acceptance`, as.menen, {}));

      const before = await head();
      const response = await close(trajectoryId);
      const problem = refused(response, 409);
      expect(problem.code).toBe('OPEN_REFERRALS');
      expect([...(problem.openReferralIds as string[])].sort()).toEqual(
        [open.referralId as string, accepted.referralId as string].sort(),
      );
      expect(response.body).not.toContain(clientId);
      expect(response.body).not.toContain(declined.referralId as string);
      expect(await head()).toEqual(before);

      expect(fieldsOf(await close(trajectoryId, { openReferrals: 'drop' }))).toEqual(['openReferrals']);
      expect(await head()).toEqual(before);

      ok(await close(trajectoryId, { openReferrals: 'keep' }));
      const kept = ok(await request('GET', `/referrals/${open.referralId as string}`, as.kortrijk));
      expect(kept.status).toBe('sent');
      const detail = ok(await request('GET', `/intake-trajectories/${trajectoryId}`, as.kortrijk));
      expect(detail.status).toBe('closed');
    });

    it('closes without ado once every referral is settled', async () => {
      const { trajectoryId } = await trajectory();
      const revoked = ok(await sendFrom(trajectoryId), 201);
      ok(
        await request('POST', `/referrals/${revoked.referralId as string}/revocation`, as.kortrijk, {
          reason: 'need_resolved',
        }),
      );
      ok(await close(trajectoryId));
      const { trajectoryId: without } = await trajectory();
      ok(await close(without));
    });
  });
  describe('the coordinators’ views', () => {
    const VIEWS = ['status-counts', 'overdue', 'flows', 'response-times'] as const;
    const view = <T = Body>(name: string, query = '') =>
      request('GET', `/coordination/referrals/${name}${query === '' ? '' : `?${query}`}`, as.coordinator).then((r) =>
        ok<T>(r),
      );

    interface Flow {
      readonly fromOrganisationId: string;
      readonly toOrganisationId: string;
      readonly fromOrganisationName: string | null;
      readonly toOrganisationName: string | null;
      readonly fromMunicipalityName: string | null;
      readonly toMunicipalityName: string | null;
      readonly sent: number;
    }
    interface Overdue {
      readonly referralId: string;
      readonly overdueKind: string;
      readonly daysOverdue: number;
    }

    it('filter by period, municipality, organisation and service, with names, and flows default to a year', async () => {
      // A day of their own: the other tests send around today.
      clock.advanceDays(400);
      const today = clock.today();
      const { trajectoryId } = await trajectory();
      const toMenen = ok(await sendFrom(trajectoryId), 201);
      const toCaw = ok(
        await sendFrom(trajectoryId, { toOrganisationId: org.caw, service: 'psychosocial support' }),
        201,
      );

      const flows = await view<{ sentFrom: string; sentTo: string; flows: Flow[] }>('flows');
      // The twelve months ending today: from the day after the same date a year before.
      const yearBefore = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
      expect([flows.sentFrom, flows.sentTo]).toEqual([addDays(yearBefore, 1), today]);
      const pair = flows.flows.find(
        (flow) => flow.toOrganisationId === org.menen && flow.fromOrganisationId === org.kortrijk,
      );
      expect(pair).toMatchObject({
        fromOrganisationName: 'OCMW Kortrijk',
        toOrganisationName: 'OCMW Menen',
        fromMunicipalityName: 'Kortrijk',
        toMunicipalityName: 'Menen',
      });
      const toCawPair = flows.flows.find((flow) => flow.toOrganisationId === org.caw);
      expect(toCawPair).toMatchObject({ toOrganisationName: 'CAW Zuid-West-Vlaanderen', toMunicipalityName: null });

      const onTheDay = `sentFrom=${today}&sentTo=${today}`;
      // The same as CSV: names beside the ids, the flow by municipality names.
      const csv = await request('GET', `/coordination/referrals/flows?${onTheDay}`, {
        ...as.coordinator,
        accept: 'text/csv',
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const [header, ...lines] = csv.body.trim().split('\r\n');
      expect(header).toBe(
        'sent_from,sent_to,from_organisation_id,from_organisation_name,to_organisation_id,to_organisation_name,' +
          'from_municipality_id,from_municipality_name,to_municipality_id,to_municipality_name,flow,' +
          'cross_municipality,sent,accepted,declined,service_started',
      );
      expect(lines.sort()).toEqual(
        [
          `${today},${today},${org.kortrijk},OCMW Kortrijk,${org.caw},CAW Zuid-West-Vlaanderen,${town.kortrijk},` +
            `Kortrijk,,,Kortrijk>CAW Zuid-West-Vlaanderen,false,1,0,0,0`,
          `${today},${today},${org.kortrijk},OCMW Kortrijk,${org.menen},OCMW Menen,${town.kortrijk},Kortrijk,` +
            `${town.menen},Menen,Kortrijk>Menen,true,1,0,0,0`,
        ].sort(),
      );
      const byOrganisation = await view<{ flows: Flow[] }>('flows', `${onTheDay}&organisationId=${org.caw}`);
      expect(byOrganisation.flows.map((flow) => [flow.toOrganisationId, flow.sent])).toEqual([[org.caw, 1]]);
      const byService = await view<{ flows: Flow[] }>('flows', `${onTheDay}&service=psychosocial%20support`);
      expect(byService.flows.map((flow) => flow.toOrganisationId)).toEqual([org.caw]);
      const byMunicipality = await view<{ flows: Flow[] }>('flows', `${onTheDay}&municipalityId=${town.menen}`);
      expect(byMunicipality.flows.map((flow) => flow.toOrganisationId)).toEqual([org.menen]);
      expect((await view('status-counts', onTheDay)).total).toBe(2);
      expect((await view('status-counts', `${onTheDay}&organisationId=${org.menen}`)).total).toBe(1);
      const times = await view<{ organisations: { toOrganisationId: string; toOrganisationName: string }[] }>(
        'response-times',
        `${onTheDay}&municipalityId=${town.kortrijk}`,
      );
      expect(times.organisations.map((row) => [row.toOrganisationId, row.toOrganisationName]).sort()).toEqual(
        [
          [org.caw, 'CAW Zuid-West-Vlaanderen'],
          [org.menen, 'OCMW Menen'],
        ].sort(),
      );
      for (const name of VIEWS) {
        const response = await request('GET', `/coordination/referrals/${name}?${onTheDay}`, as.coordinator);
        for (const personal of [toMenen.clientId, toMenen.trajectoryId, toCaw.trajectoryId, 'note']) {
          expect(response.body).not.toContain(personal as string);
        }
      }
    });

    it('refuses an unknown municipality or organisation and a bad period on every view, naming the field', async () => {
      const unknown = '3f0c8d4e-9b1a-4c2d-8e7f-6a5b4c3d2e11';
      const cases: [string, string[]][] = [
        [`municipalityId=${unknown}`, ['municipalityId']],
        [`organisationId=${unknown}`, ['organisationId']],
        [
          `municipalityId=${unknown}&organisationId=${unknown}&sentFrom=2026-02-30`,
          ['municipalityId', 'organisationId', 'sentFrom'],
        ],
        ['sentFrom=2026-05-02&sentTo=2026-05-01', ['sentTo']],
        ['municipalityId=kortrijk', ['municipalityId']],
        ['service=', ['service']],
        ['sentTo=tomorrow', ['sentTo']],
      ];
      for (const name of VIEWS) {
        for (const [query, fields] of cases) {
          const response = await request('GET', `/coordination/referrals/${name}?${query}`, as.coordinator);
          expect({ name, query, fields: fieldsOf(response) }).toEqual({ name, query, fields });
          expect(response.body).not.toContain(unknown);
        }
      }
    });

    it('count an accepted referral not started after the receiver’s service start deadline as overdue', async () => {
      clock.advanceDays(800);
      // The deadline is reference data, changed through partners' own command.
      const changed = ok(
        await request('PATCH', `/organisations/${org.menen}`, as.admin, { serviceStartDeadlineDays: 5 }),
      );
      expect(changed.serviceStartDeadlineDays).toBe(5);
      expect(ok(await request('GET', `/organisations/${org.caw}`, as.admin)).serviceStartDeadlineDays).toBe(30);
      const acceptedOn = clock.today();
      const { trajectoryId } = await trajectory();
      const accepted = ok(await sendFrom(trajectoryId), 201);
      const referralId = accepted.referralId as string;
      ok(await request('POST', `/referrals/${referralId}/acceptance`, as.menen, {}));
      const listed = async () =>
        (await view<{ items: Overdue[] }>('overdue', `organisationId=${org.menen}&limit=200`)).items.find(
          (item) => item.referralId === referralId,
        );

      clock.advanceDays(5);
      expect(await listed()).toBeUndefined();
      clock.advanceDays(1);
      expect(await listed()).toMatchObject({
        overdueKind: 'service_start',
        status: 'accepted',
        acceptedOn,
        serviceStartDueOn: addDays(acceptedOn, 5),
        daysOverdue: 1,
        toOrganisationName: 'OCMW Menen',
        fromMunicipalityName: 'Kortrijk',
      });
      const counts = await view<{ overdueByKind: { service_start: number }; overdue: number }>(
        'status-counts',
        `sentFrom=${acceptedOn}&sentTo=${acceptedOn}`,
      );
      expect(counts).toMatchObject({ overdue: 1, overdueByKind: { response: 0, service_start: 1 } });

      // A first contact does not start the service; the service start ends it.
      ok(await request('POST', `/referrals/${referralId}/first-contact`, as.menen, {}));
      expect(await listed()).toMatchObject({ overdueKind: 'service_start', status: 'first_contact_made' });
      ok(await request('POST', `/referrals/${referralId}/service-start`, as.menen, {}));
      expect(await listed()).toBeUndefined();
    });

    it('lets a coordinator read any referral of the region without anything personal', async () => {
      const { clientId, trajectoryId } = await trajectory();
      const sent = ok(await sendFrom(trajectoryId), 201);
      const response = await request('GET', `/referrals/${sent.referralId as string}`, as.coordinator);
      expect(ok(response)).toMatchObject({
        referralId: sent.referralId,
        clientId: null,
        trajectoryId: null,
        needId: null,
        consentId: null,
        note: null,
        personalDataShared: false,
        fromOrganisationId: org.kortrijk,
        toOrganisationId: org.menen,
        status: 'sent',
      });
      for (const personal of [clientId, trajectoryId, 'Zij wil een afspraak']) {
        expect(response.body).not.toContain(personal);
      }
      // Other social workers still may not.
      expect((await request('GET', `/referrals/${sent.referralId as string}`, as.caw)).statusCode).toBe(403);
    });
  });
});
