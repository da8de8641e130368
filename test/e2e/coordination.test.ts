import type { LightMyRequestResponse } from 'fastify';
import { DataSource } from 'typeorm';
import type { Clock } from '../../src/shared/domain/clock';
import type { Position } from '../../src/shared/event-store';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';
import { committedHead } from '../support/event-log';

type Headers = Record<string, string>;
type Method = 'GET' | 'POST';
type Body = Record<string, unknown>;

interface Named {
  readonly name: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The app's clock: the real time, moved forward by a test to see a deadline pass. */
class MovableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advanceDays(days: number): void {
    this.offsetMs += days * DAY_MS;
  }
  reset(): void {
    this.offsetMs = 0;
  }
  today(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(this.now());
  }
}

function plusDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
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
      const { trajectoryId } = await trajectory(plusDays(today, -10));
      const sent = ok(await sendFrom(trajectoryId, { occurredOn: plusDays(today, -5) }), 201);
      expect(sent).toMatchObject({
        status: 'sent',
        sentOn: plusDays(today, -5),
        dueOn: plusDays(today, 9),
        responseDeadlineDays: 14,
      });
      // On the day the trajectory was opened is allowed; without occurredOn it is today.
      ok(await sendFrom(trajectoryId, { occurredOn: plusDays(today, -10) }), 201);
      expect(ok(await sendFrom(trajectoryId), 201)).toMatchObject({ sentOn: today, dueOn: plusDays(today, 14) });
    });

    it('is refused in the future, before the trajectory was opened, or not a date: 400 naming occurredOn', async () => {
      const today = clock.today();
      const { trajectoryId } = await trajectory(plusDays(today, -3));
      const before = await head();
      for (const occurredOn of [plusDays(today, 1), plusDays(today, -4), '2026-02-30', 'yesterday']) {
        const response = await sendFrom(trajectoryId, { occurredOn });
        expect({ occurredOn, fields: fieldsOf(response) }).toEqual({ occurredOn, fields: ['occurredOn'] });
        expect(response.body).not.toContain(occurredOn);
      }
      expect(await head()).toEqual(before);
    });

    it('applies to sending again: dated late, never before the trajectory was opened', async () => {
      const today = clock.today();
      const { trajectoryId } = await trajectory(plusDays(today, -6));
      const first = ok(await sendFrom(trajectoryId, { occurredOn: plusDays(today, -6) }), 201);
      ok(
        await request('POST', `/referrals/${first.referralId as string}/decline`, as.menen, { reason: 'no_capacity' }),
      );
      const again = (occurredOn: string) =>
        request('POST', `/referrals/${first.referralId as string}/referral-again`, as.kortrijk, {
          toOrganisationId: org.caw,
          occurredOn,
        });
      expect(fieldsOf(await again(plusDays(today, -7)))).toEqual(['occurredOn']);
      expect(fieldsOf(await again(plusDays(today, 1)))).toEqual(['occurredOn']);
      const second = ok(await again(plusDays(today, -2)), 201);
      expect(second).toMatchObject({ sentOn: plusDays(today, -2), previousReferralId: first.referralId });
      expect(second.dueOn).toBe(plusDays(plusDays(today, -2), second.responseDeadlineDays as number));
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
});
