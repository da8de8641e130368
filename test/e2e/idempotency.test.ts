import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader, testUserId } from '../support/auth';
import { testDatabaseKinds } from '../support/database';
import { committedHead } from '../support/event-log';
import { eventually } from '../support/projections';

type Headers = Record<string, string>;

interface Schedule {
  readonly ratePeriods: readonly { readonly ratePeriodId: string; readonly firstWorkingYear: number }[];
  readonly coFundingAgreements: readonly { readonly agreementId: string; readonly municipalityId: string }[];
}

interface Named {
  readonly name: string;
}

/** One request of a command endpoint. */
interface Call {
  readonly method: 'POST' | 'PATCH' | 'PUT';
  readonly url: string;
  readonly as: Headers;
  readonly payload?: object;
  readonly headers?: Headers;
}

/**
 * A command endpoint: `first` is a request it accepts; each of `others` is another request the same user could send
 * with the same `Idempotency-Key` to the same record (another body, or another endpoint), which must be refused.
 */
interface Prepared {
  readonly first: Call;
  readonly others: readonly Call[];
}

interface Row {
  readonly operation: string;
  readonly prepare: () => Prepared | Promise<Prepared>;
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * An `Idempotency-Key` answers for the request it was first sent with and no other (docs/adr/0021): on every command
 * endpoint, a retry answers like the first call, and the same key with another body or on another endpoint of the
 * same record gets 422 `IDEMPOTENCY_KEY_REUSED` and writes nothing. A command endpoint without a row fails the test.
 */
describe.each(testDatabaseKinds())('Idempotency-Key on every command endpoint on %s', (kind) => {
  let service: TestApp;
  let kortrijk: string;
  let menen: string;
  let ocmwKortrijk: string;
  let ocmwMenen: string;
  let caw: string;
  let rightsInKortrijk: string[];
  const as: Record<'kortrijk' | 'menen' | 'admin' | 'dpo', Headers> = {} as never;

  beforeAll(async () => {
    service = await startTestApp({ kind, env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' } });
    as.admin = await authHeader({ role: 'admin' });
    const list = async <T>(url: string) =>
      (
        await service.request({
          method: 'GET',
          url: `${url}${url.includes('?') ? '&' : '?'}limit=200`,
          headers: as.admin,
        })
      ).json<{ items: T[] }>().items;
    const municipalities = await list<Named & { municipalityId: string }>('/municipalities');
    const organisations = await list<Named & { organisationId: string }>('/organisations');
    kortrijk = municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId;
    menen = municipalities.find((item) => item.name === 'Menen')!.municipalityId;
    ocmwKortrijk = organisations.find((item) => item.name === 'OCMW Kortrijk')!.organisationId;
    ocmwMenen = organisations.find((item) => item.name === 'OCMW Menen')!.organisationId;
    caw = organisations.find((item) => item.name === 'CAW Zuid-West-Vlaanderen')!.organisationId;
    rightsInKortrijk = (await list<{ rightId: string }>(`/rights-catalogue?municipalityId=${kortrijk}`)).map(
      (right) => right.rightId,
    );
    as.kortrijk = await authHeader({ role: 'social_worker', organisationId: ocmwKortrijk });
    as.menen = await authHeader({ role: 'social_worker', organisationId: ocmwMenen });
    as.dpo = await authHeader({ role: 'dpo', organisationId: ocmwKortrijk });
  });
  afterAll(() => service.dispose());

  const send = (call: Call, key?: string): Promise<LightMyRequestResponse> =>
    service.request({
      method: call.method,
      url: call.url,
      headers: { ...call.as, ...call.headers, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      ...(call.payload === undefined ? {} : { payload: call.payload }),
    });
  const created = async <T>(call: Call): Promise<T> => {
    const response = await send(call);
    if (response.statusCode >= 300)
      throw new Error(`${call.method} ${call.url}: ${response.statusCode} ${response.body}`);
    return response.json<T>();
  };

  let sequence = 0;
  const client = async (consentFor?: string): Promise<string> => {
    sequence += 1;
    const { clientId } = await created<{ clientId: string }>({
      method: 'POST',
      url: '/clients',
      as: as.kortrijk,
      payload: registration(`Idempotent-${kind}-${sequence}`),
    });
    await created({
      method: 'POST',
      url: `/clients/${clientId}/consents`,
      as: as.kortrijk,
      payload: consentFor
        ? { scope: 'share_with_organisation', organisationId: consentFor }
        : { scope: 'share_for_referrals' },
    });
    return clientId;
  };
  const registration = (familyName: string) => ({
    givenName: 'Amélie',
    familyName,
    birthDate: '1985-07-30',
    municipalityId: kortrijk,
    household: { adults: 1, children: 2 },
    mainIncomeSource: 'social_integration_income',
  });
  const trajectory = async (clientId?: string): Promise<string> => {
    const { trajectoryId } = await created<{ trajectoryId: string }>({
      method: 'POST',
      url: '/intake-trajectories',
      as: as.kortrijk,
      payload: {
        clientId: clientId ?? (await client(ocmwMenen)),
        origin: 'came_in_themselves',
        occurredOn: daysAgo(30),
      },
    });
    return trajectoryId;
  };
  const onTrajectory = (trajectoryId: string, path: string, payload: object = {}, who = as.kortrijk): Call => ({
    method: 'POST',
    url: `/intake-trajectories/${trajectoryId}${path}`,
    as: who,
    payload,
  });
  const explored = async (trajectoryId: string, rightId: string) => {
    await created(onTrajectory(trajectoryId, '/rights', { rightId, occurredOn: daysAgo(20) }));
  };
  const referral = async (): Promise<string> => {
    const trajectoryId = await trajectory(await client());
    const { needId } = await created<{ needId: string }>(
      onTrajectory(trajectoryId, '/needs', { lifeDomain: 'debts', occurredOn: daysAgo(25) }),
    );
    const { referralId } = await created<{ referralId: string }>({
      method: 'POST',
      url: '/referrals',
      as: as.kortrijk,
      payload: {
        trajectoryId,
        toOrganisationId: ocmwMenen,
        service: 'eviction prevention',
        lifeDomain: 'debts',
        needId,
      },
    });
    return referralId;
  };
  const onReferral = (referralId: string, path: string, payload: object = {}, who = as.menen): Call => ({
    method: 'POST',
    url: `/referrals/${referralId}/${path}`,
    as: who,
    payload,
  });
  const accepted = async () => {
    const referralId = await referral();
    await created(onReferral(referralId, 'acceptance'));
    return referralId;
  };
  /** A new notification of OCMW Menen's social worker (a referral received), once the inbox shows it. */
  const notification = async (): Promise<string> => {
    const referralId = await referral();
    const inbox = () =>
      service
        .request({ method: 'GET', url: '/notifications?limit=200', headers: as.menen })
        .then((response) => response.json<{ items: { notificationId: string; referralId: string | null }[] }>());
    const page = await eventually('the notification', inbox, ({ items }) =>
      items.some((item) => item.referralId === referralId),
    );
    return page.items.find((item) => item.referralId === referralId)!.notificationId;
  };
  const notifications = (path: string): Call => ({
    method: 'POST',
    url: `/notifications${path}`,
    as: as.menen,
    payload: {},
  });
  const admin = (method: Call['method'], url: string, payload: object = {}): Call => ({
    method,
    url,
    as: as.admin,
    payload,
  });
  const organisation = async () =>
    (
      await created<{ organisationId: string }>(
        admin('POST', '/organisations', { name: `Partner ${randomUUID()}`, type: 'external', services: [] }),
      )
    ).organisationId;
  const municipality = async () =>
    (
      await created<{ municipalityId: string }>(
        admin('POST', '/municipalities', {
          name: `Gemeente ${randomUUID()}`,
          member: true,
          populations: [{ year: 2024, population: 1000 }],
        }),
      )
    ).municipalityId;
  const catalogueRight = async () =>
    (
      await created<{ rightId: string }>(
        admin('POST', '/rights-catalogue', { name: `Recht ${randomUUID()}`, lifeDomain: 'energy', level: 'federal' }),
      )
    ).rightId;
  let year = 1950;
  /** A closed rate period of its own years, long before the seeded ones. */
  const ratePeriod = async () => {
    year += 3;
    const schedule = await created<Schedule>(
      admin('POST', '/contribution-schedule/rate-periods', {
        ratePerInhabitant: '0.40',
        firstWorkingYear: year,
        lastWorkingYear: year + 2,
      }),
    );
    return schedule.ratePeriods.find((period) => period.firstWorkingYear === year)!.ratePeriodId;
  };
  const agreement = async (municipalityId: string) => {
    const schedule = await created<Schedule>(
      admin('POST', '/contribution-schedule/co-funding-agreements', {
        municipalityId,
        coFunderName: 'Zorgbedrijf',
        baseRatePerInhabitant: '0.10',
        firstWorkingYear: 2000,
      }),
    );
    return schedule.coFundingAgreements.find((each) => each.municipalityId === municipalityId)!.agreementId;
  };

  /** A task on a new trajectory, planned by a colleague of OCMW Kortrijk for themselves: `as.kortrijk` acts on it. */
  const plannedTask = async (): Promise<string> => {
    const colleague = await authHeader({
      role: 'social_worker',
      organisationId: ocmwKortrijk,
      userId: `idem-colleague-${randomUUID().slice(0, 8)}`,
    });
    const { taskId } = await created<{ taskId: string }>(
      onTrajectory(await trajectory(), '/tasks', { kind: 'call_back', inMonths: 1 }, colleague),
    );
    return taskId;
  };
  const onTask = (taskId: string, step: string, payload: object = {}): Call => ({
    method: 'POST',
    url: `/tasks/${taskId}/${step}`,
    as: as.kortrijk,
    payload,
  });
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  const ROWS: readonly Row[] = [
    // Clients
    {
      operation: 'POST /clients',
      prepare: () => {
        const body = registration(`Idempotent-${kind}-new-${randomUUID()}`);
        const call: Call = { method: 'POST', url: '/clients', as: as.kortrijk, payload: body };
        return { first: call, others: [{ ...call, payload: { ...body, birthDate: '1985-07-31' } }] };
      },
    },
    {
      operation: 'POST /clients/{clientId}/contact-details',
      prepare: async () => {
        const clientId = await client();
        const call: Call = {
          method: 'POST',
          url: `/clients/${clientId}/contact-details`,
          as: as.kortrijk,
          payload: { phone: '056 12 34 56' },
        };
        return { first: call, others: [{ ...call, payload: { preferredLanguage: 'fr' } }] };
      },
    },
    {
      operation: 'POST /clients/{clientId}/consents',
      prepare: async () => {
        const clientId = await client();
        const call: Call = {
          method: 'POST',
          url: `/clients/${clientId}/consents`,
          as: as.kortrijk,
          payload: { scope: 'reporting' },
        };
        const move: Call = {
          method: 'POST',
          url: `/clients/${clientId}/moves`,
          as: as.kortrijk,
          payload: { municipalityId: menen, effectiveDate: daysAgo(1) },
        };
        return {
          first: call,
          others: [{ ...call, payload: { scope: 'share_with_organisation', organisationId: ocmwMenen } }, move],
        };
      },
    },
    {
      operation: 'POST /clients/{clientId}/consents/{consentId}/withdrawal',
      prepare: async () => {
        const clientId = await client();
        const { consentId } = await created<{ consentId: string }>({
          method: 'POST',
          url: `/clients/${clientId}/consents`,
          as: as.kortrijk,
          payload: { scope: 'reporting' },
        });
        const call: Call = {
          method: 'POST',
          url: `/clients/${clientId}/consents/${consentId}/withdrawal`,
          as: as.kortrijk,
          payload: {},
        };
        return { first: call, others: [{ ...call, payload: { withdrawnOn: daysAgo(1) } }] };
      },
    },
    {
      operation: 'POST /clients/{clientId}/moves',
      prepare: async () => {
        const clientId = await client();
        const call: Call = {
          method: 'POST',
          url: `/clients/${clientId}/moves`,
          as: as.kortrijk,
          payload: { municipalityId: menen, effectiveDate: daysAgo(2) },
        };
        const consent: Call = { ...call, url: `/clients/${clientId}/consents`, payload: { scope: 'reporting' } };
        return {
          first: call,
          others: [{ ...call, payload: { municipalityId: menen, effectiveDate: daysAgo(3) } }, consent],
        };
      },
    },
    {
      operation: 'POST /clients/{clientId}/erasure',
      prepare: async () => {
        const clientId = await client();
        const call: Call = { method: 'POST', url: `/clients/${clientId}/erasure`, as: as.dpo };
        return { first: call, others: [{ ...call, headers: { 'if-match': '"0"' } }] };
      },
    },
    // Intake
    {
      operation: 'POST /intake-trajectories',
      prepare: async () => {
        const clientId = await client(ocmwMenen);
        const call: Call = {
          method: 'POST',
          url: '/intake-trajectories',
          as: as.kortrijk,
          payload: { clientId, origin: 'came_in_themselves' },
        };
        return { first: call, others: [{ ...call, payload: { clientId, origin: 'other' } }] };
      },
    },
    {
      operation: 'POST /intake-trajectories/{trajectoryId}/assessments',
      prepare: async () => {
        const id = await trajectory();
        const call = onTrajectory(id, '/assessments', { scores: { debts: 2 } });
        return {
          first: call,
          others: [
            onTrajectory(id, '/assessments', { scores: { debts: 3 } }),
            onTrajectory(id, '/needs', { lifeDomain: 'debts' }),
          ],
        };
      },
    },
    {
      operation: 'POST /intake-trajectories/{trajectoryId}/needs',
      prepare: async () => {
        const id = await trajectory();
        const call = onTrajectory(id, '/needs', { lifeDomain: 'debts' });
        const unmet = onTrajectory(id, '/unmet-needs', { lifeDomain: 'mobility', reason: 'waiting_list' });
        return { first: call, others: [onTrajectory(id, '/needs', { lifeDomain: 'energy' }), unmet] };
      },
    },
    {
      operation: 'POST /intake-trajectories/{trajectoryId}/unmet-needs',
      prepare: async () => {
        const id = await trajectory();
        const call = onTrajectory(id, '/unmet-needs', { lifeDomain: 'mobility', reason: 'waiting_list' });
        const need = onTrajectory(id, '/needs', { lifeDomain: 'debts' });
        return {
          first: call,
          others: [onTrajectory(id, '/unmet-needs', { lifeDomain: 'mobility', reason: 'not_eligible' }), need],
        };
      },
    },
    {
      operation: 'POST /intake-trajectories/{trajectoryId}/rights',
      prepare: async () => {
        const id = await trajectory();
        const [first, second] = rightsInKortrijk;
        return {
          first: onTrajectory(id, '/rights', { rightId: first }),
          others: [onTrajectory(id, '/rights', { rightId: second })],
        };
      },
    },
    {
      operation: 'POST /intake-trajectories/{trajectoryId}/rights/{rightId}/application',
      prepare: async () => {
        const id = await trajectory();
        const rightId = rightsInKortrijk[0]!;
        await explored(id, rightId);
        const call = onTrajectory(id, `/rights/${rightId}/application`, { occurredOn: daysAgo(10) });
        return {
          first: call,
          others: [onTrajectory(id, `/rights/${rightId}/application`, { occurredOn: daysAgo(9) })],
        };
      },
    },
    {
      operation: 'POST /intake-trajectories/{trajectoryId}/rights/{rightId}/grant',
      prepare: async () => {
        const id = await trajectory();
        const rightId = rightsInKortrijk[0]!;
        await explored(id, rightId);
        await created(onTrajectory(id, `/rights/${rightId}/application`, { occurredOn: daysAgo(10) }));
        const refusal = onTrajectory(id, `/rights/${rightId}/refusal`, { reason: 'not_eligible' });
        return { first: onTrajectory(id, `/rights/${rightId}/grant`, {}), others: [refusal] };
      },
    },
    {
      operation: 'POST /intake-trajectories/{trajectoryId}/rights/{rightId}/refusal',
      prepare: async () => {
        const id = await trajectory();
        const rightId = rightsInKortrijk[0]!;
        await explored(id, rightId);
        await created(onTrajectory(id, `/rights/${rightId}/application`, { occurredOn: daysAgo(10) }));
        const call = onTrajectory(id, `/rights/${rightId}/refusal`, { reason: 'not_eligible' });
        return { first: call, others: [onTrajectory(id, `/rights/${rightId}/refusal`, { reason: 'other' })] };
      },
    },
    {
      operation: 'POST /intake-trajectories/{trajectoryId}/caseworker',
      prepare: async () => {
        const id = await trajectory();
        const call = onTrajectory(id, '/caseworker', { caseworkerId: 'kortrijk-worker-1' });
        return { first: call, others: [onTrajectory(id, '/caseworker', { caseworkerId: 'kortrijk-worker-2' })] };
      },
    },
    {
      operation: 'POST /intake-trajectories/{trajectoryId}/transfer',
      prepare: async () => {
        const id = await trajectory();
        const call = onTrajectory(id, '/transfer', {
          toOrganisationId: ocmwMenen,
          reason: 'moved_municipality',
          caseworkerId: 'menen-worker-1',
        });
        return {
          first: call,
          others: [
            onTrajectory(id, '/transfer', {
              toOrganisationId: ocmwMenen,
              reason: 'other',
              caseworkerId: 'menen-worker-1',
            }),
          ],
        };
      },
    },
    {
      operation: 'POST /intake-trajectories/{trajectoryId}/closure',
      prepare: async () => {
        const id = await trajectory();
        const call = onTrajectory(id, '/closure', { outcome: 'no_contact' });
        return { first: call, others: [onTrajectory(id, '/closure', { outcome: 'moved_away' })] };
      },
    },
    {
      operation: 'POST /intake-trajectories/{trajectoryId}/reopening',
      prepare: async () => {
        const id = await trajectory();
        await created(onTrajectory(id, '/closure', { outcome: 'no_contact' }));
        const call = onTrajectory(id, '/reopening', {});
        return { first: call, others: [onTrajectory(id, '/reopening', { occurredOn: daysAgo(1) })] };
      },
    },
    // Referrals
    {
      operation: 'POST /referrals',
      prepare: async () => {
        const trajectoryId = await trajectory(await client());
        const body = { trajectoryId, toOrganisationId: ocmwMenen, service: 'eviction prevention', lifeDomain: 'debts' };
        const call: Call = { method: 'POST', url: '/referrals', as: as.kortrijk, payload: body };
        return { first: call, others: [{ ...call, payload: { ...body, lifeDomain: 'energy' } }] };
      },
    },
    {
      operation: 'POST /referrals/{referralId}/acceptance',
      prepare: async () => {
        const id = await referral();
        const decline = onReferral(id, 'decline', { reason: 'no_capacity' });
        return { first: onReferral(id, 'acceptance'), others: [decline] };
      },
    },
    {
      operation: 'POST /referrals/{referralId}/decline',
      prepare: async () => {
        const id = await referral();
        const call = onReferral(id, 'decline', { reason: 'no_capacity' });
        return {
          first: call,
          others: [onReferral(id, 'decline', { reason: 'waiting_list' }), onReferral(id, 'acceptance')],
        };
      },
    },
    {
      operation: 'POST /referrals/{referralId}/revocation',
      prepare: async () => {
        const id = await referral();
        const call = onReferral(id, 'revocation', { reason: 'sent_in_error' }, as.kortrijk);
        return { first: call, others: [onReferral(id, 'revocation', { reason: 'other' }, as.kortrijk)] };
      },
    },
    {
      operation: 'POST /referrals/{referralId}/first-contact',
      prepare: async () => {
        const id = await accepted();
        const drop = onReferral(id, 'drop', { droppedBy: 'person', reason: 'no_show' });
        return { first: onReferral(id, 'first-contact'), others: [drop] };
      },
    },
    {
      operation: 'POST /referrals/{referralId}/service-start',
      prepare: async () => {
        const id = await accepted();
        await created(onReferral(id, 'first-contact'));
        const complete = onReferral(id, 'completion', { outcome: 'need_answered' });
        return { first: onReferral(id, 'service-start'), others: [complete] };
      },
    },
    {
      operation: 'POST /referrals/{referralId}/completion',
      prepare: async () => {
        const id = await accepted();
        await created(onReferral(id, 'first-contact'));
        await created(onReferral(id, 'service-start'));
        const call = onReferral(id, 'completion', { outcome: 'need_answered' });
        return { first: call, others: [onReferral(id, 'completion', { outcome: 'not_answered' })] };
      },
    },
    {
      operation: 'POST /referrals/{referralId}/drop',
      prepare: async () => {
        const id = await accepted();
        const call = onReferral(id, 'drop', { droppedBy: 'person', reason: 'no_show' });
        return { first: call, others: [onReferral(id, 'drop', { droppedBy: 'service', reason: 'other' })] };
      },
    },
    {
      operation: 'POST /referrals/{referralId}/referral-again',
      prepare: async () => {
        const id = await referral();
        await created(onReferral(id, 'decline', { reason: 'no_capacity' }));
        const call = onReferral(id, 'referral-again', { toOrganisationId: caw }, as.kortrijk);
        return {
          first: call,
          others: [onReferral(id, 'referral-again', { toOrganisationId: caw, warm: true }, as.kortrijk)],
        };
      },
    },
    {
      operation: 'POST /referrals/{referralId}/messages',
      prepare: async () => {
        const id = await referral();
        const call = onReferral(id, 'messages', { text: 'Wanneer kan zij langskomen?' });
        return { first: call, others: [onReferral(id, 'messages', { text: 'Een andere vraag.' })] };
      },
    },
    // Notifications: the reading stream of the user is the record
    {
      operation: 'POST /notifications/{notificationId}/read',
      prepare: async () => {
        const id = await notification();
        return { first: notifications(`/${id}/read`), others: [notifications('/read')] };
      },
    },
    {
      operation: 'POST /notifications/read',
      prepare: async () => {
        const id = await notification();
        return { first: notifications('/read'), others: [notifications(`/${id}/read`)] };
      },
    },
    // Partners (reference data)
    {
      operation: 'POST /organisations',
      prepare: () => {
        const body = { name: `Partner ${randomUUID()}`, type: 'external', services: [] };
        return {
          first: admin('POST', '/organisations', body),
          others: [admin('POST', '/organisations', { ...body, services: ['budget'] })],
        };
      },
    },
    {
      operation: 'PATCH /organisations/{organisationId}',
      prepare: async () => {
        const id = await organisation();
        return {
          first: admin('PATCH', `/organisations/${id}`, { responseDeadlineDays: 10 }),
          others: [
            admin('PATCH', `/organisations/${id}`, { responseDeadlineDays: 11 }),
            admin('POST', `/organisations/${id}/deactivate`),
          ],
        };
      },
    },
    {
      operation: 'POST /organisations/{organisationId}/deactivate',
      prepare: async () => {
        const id = await organisation();
        return {
          first: admin('POST', `/organisations/${id}/deactivate`),
          others: [admin('PATCH', `/organisations/${id}`, { responseDeadlineDays: 11 })],
        };
      },
    },
    {
      operation: 'POST /municipalities',
      prepare: () => {
        const body = { name: `Gemeente ${randomUUID()}`, member: false };
        return {
          first: admin('POST', '/municipalities', body),
          others: [admin('POST', '/municipalities', { ...body, member: true })],
        };
      },
    },
    {
      operation: 'PATCH /municipalities/{municipalityId}',
      prepare: async () => {
        const id = await municipality();
        return {
          first: admin('PATCH', `/municipalities/${id}`, { nisCode: '34022' }),
          others: [
            admin('PATCH', `/municipalities/${id}`, { nisCode: '34023' }),
            admin('POST', `/municipalities/${id}/populations`, { year: 2025, population: 1001 }),
          ],
        };
      },
    },
    {
      operation: 'POST /municipalities/{municipalityId}/populations',
      prepare: async () => {
        const id = await municipality();
        return {
          first: admin('POST', `/municipalities/${id}/populations`, { year: 2025, population: 1001 }),
          others: [admin('POST', `/municipalities/${id}/populations`, { year: 2025, population: 1002 })],
        };
      },
    },
    {
      operation: 'PUT /municipalities/{municipalityId}/populations/{year}',
      prepare: async () => {
        const id = await municipality();
        return {
          first: admin('PUT', `/municipalities/${id}/populations/2024`, { population: 1001 }),
          others: [admin('PUT', `/municipalities/${id}/populations/2024`, { population: 1002 })],
        };
      },
    },
    {
      operation: 'POST /rights-catalogue',
      prepare: () => {
        const body = { name: `Recht ${randomUUID()}`, lifeDomain: 'energy', level: 'federal' };
        return {
          first: admin('POST', '/rights-catalogue', body),
          others: [admin('POST', '/rights-catalogue', { ...body, lifeDomain: 'finances' })],
        };
      },
    },
    {
      operation: 'PATCH /rights-catalogue/{rightId}',
      prepare: async () => {
        const id = await catalogueRight();
        return {
          first: admin('PATCH', `/rights-catalogue/${id}`, { lifeDomain: 'finances' }),
          others: [
            admin('PATCH', `/rights-catalogue/${id}`, { lifeDomain: 'housing' }),
            admin('POST', `/rights-catalogue/${id}/retire`),
          ],
        };
      },
    },
    {
      operation: 'POST /rights-catalogue/{rightId}/retire',
      prepare: async () => {
        const id = await catalogueRight();
        return {
          first: admin('POST', `/rights-catalogue/${id}/retire`),
          others: [admin('PATCH', `/rights-catalogue/${id}`, { lifeDomain: 'housing' })],
        };
      },
    },
    {
      operation: 'POST /contribution-schedule/rate-periods',
      prepare: () => {
        year += 3;
        const body = { ratePerInhabitant: '0.40', firstWorkingYear: year, lastWorkingYear: year };
        return {
          first: admin('POST', '/contribution-schedule/rate-periods', body),
          others: [admin('POST', '/contribution-schedule/rate-periods', { ...body, ratePerInhabitant: '0.41' })],
        };
      },
    },
    {
      operation: 'POST /contribution-schedule/rate-periods/{ratePeriodId}/end',
      prepare: async () => {
        const id = await ratePeriod();
        const url = `/contribution-schedule/rate-periods/${id}/end`;
        return {
          first: admin('POST', url, { lastWorkingYear: year + 1 }),
          others: [
            admin('POST', url, { lastWorkingYear: year }),
            admin('POST', `/contribution-schedule/rate-periods/${id}/withdraw`),
          ],
        };
      },
    },
    {
      operation: 'POST /contribution-schedule/rate-periods/{ratePeriodId}/withdraw',
      prepare: async () => {
        const id = await ratePeriod();
        return {
          first: admin('POST', `/contribution-schedule/rate-periods/${id}/withdraw`),
          others: [admin('POST', `/contribution-schedule/rate-periods/${id}/end`, { lastWorkingYear: year })],
        };
      },
    },
    {
      operation: 'POST /contribution-schedule/co-funding-agreements',
      prepare: async () => {
        const municipalityId = await municipality();
        const body = {
          municipalityId,
          coFunderName: 'Zorgbedrijf',
          baseRatePerInhabitant: '0.10',
          firstWorkingYear: 2000,
        };
        return {
          first: admin('POST', '/contribution-schedule/co-funding-agreements', body),
          others: [admin('POST', '/contribution-schedule/co-funding-agreements', { ...body, firstWorkingYear: 2001 })],
        };
      },
    },
    {
      operation: 'POST /contribution-schedule/co-funding-agreements/{agreementId}/end',
      prepare: async () => {
        const id = await agreement(await municipality());
        const url = `/contribution-schedule/co-funding-agreements/${id}/end`;
        return {
          first: admin('POST', url, { lastWorkingYear: 2010 }),
          others: [admin('POST', url, { lastWorkingYear: 2011 })],
        };
      },
    },
    {
      operation: 'POST /contribution-schedule/co-funding-agreements/{agreementId}/withdraw',
      prepare: async () => {
        const id = await agreement(await municipality());
        return {
          first: admin('POST', `/contribution-schedule/co-funding-agreements/${id}/withdraw`),
          others: [admin('POST', `/contribution-schedule/co-funding-agreements/${id}/end`, { lastWorkingYear: 2010 })],
        };
      },
    },
    // Casework (docs/casework.md): notes and tasks.
    {
      operation: 'POST /intake-trajectories/{trajectoryId}/notes',
      prepare: async () => {
        const id = await trajectory();
        return {
          first: onTrajectory(id, '/notes', { text: 'Eerste nota.' }),
          others: [onTrajectory(id, '/notes', { text: 'Andere nota.' })],
        };
      },
    },
    {
      operation: 'POST /intake-trajectories/{trajectoryId}/tasks',
      prepare: async () => {
        const id = await trajectory();
        return {
          first: onTrajectory(id, '/tasks', { kind: 'call_back', inMonths: 1 }),
          others: [onTrajectory(id, '/tasks', { kind: 'call_back', inMonths: 2 })],
        };
      },
    },
    {
      operation: 'POST /tasks/{taskId}/reassign',
      prepare: async () => {
        const id = await plannedTask();
        // To the caller: an assignee of the organisation whatever the known-users read model has seen yet.
        const me = { assigneeId: testUserId(['social_worker'], ocmwKortrijk) };
        return { first: onTask(id, 'reassign', me), others: [onTask(id, 'reschedule', { inMonths: 2 })] };
      },
    },
    {
      operation: 'POST /tasks/{taskId}/reschedule',
      prepare: async () => {
        const id = await plannedTask();
        return {
          first: onTask(id, 'reschedule', { dueOn: inDays(10) }),
          others: [onTask(id, 'reschedule', { dueOn: inDays(11) }), onTask(id, 'complete')],
        };
      },
    },
    {
      operation: 'POST /tasks/{taskId}/complete',
      prepare: async () => {
        const id = await plannedTask();
        return {
          first: onTask(id, 'complete'),
          others: [onTask(id, 'complete', { reason: 'Gedaan.' }), onTask(id, 'cancel')],
        };
      },
    },
    {
      operation: 'POST /tasks/{taskId}/cancel',
      prepare: async () => {
        const id = await plannedTask();
        return { first: onTask(id, 'cancel'), others: [onTask(id, 'complete')] };
      },
    },
  ];

  it('has a row for every operation that takes an Idempotency-Key, and none for another', async () => {
    const document = (await service.request({ method: 'GET', url: '/docs-json' })).json<{
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    }>();
    const commands = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.parameters?.some((parameter) => parameter.name === 'Idempotency-Key'))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(ROWS.map((row) => row.operation).sort()).toEqual(commands.sort());
  });

  it.each(ROWS.map((row) => [row.operation, row] as const))(
    '%s: a retry answers like the first call; the key with another request is refused with 422 and writes nothing',
    async (_operation, row) => {
      const { first, others } = await row.prepare();
      const key = `idem-${randomUUID()}`;
      const answered = await send(first, key);
      expect(`${answered.statusCode} ${answered.body.slice(0, 300)}`).toMatch(/^20[01] /);
      const retried = await send(first, key);
      expect(retried.statusCode).toBe(answered.statusCode);
      expect(retried.json()).toEqual(answered.json());

      const head = await committedHead(service.app.get(DataSource));
      for (const other of others) {
        const refused = await send(other, key);
        expect({ url: other.url, status: refused.statusCode, body: refused.json() }).toMatchObject({
          url: other.url,
          status: 422,
          body: { code: 'IDEMPOTENCY_KEY_REUSED', status: 422 },
        });
      }
      expect(await committedHead(service.app.get(DataSource))).toEqual(head);
      // The first request still answers as before after the refusals.
      expect((await send(first, key)).json()).toEqual(answered.json());
    },
  );
});
