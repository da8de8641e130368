import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { DataSource } from 'typeorm';
import type { TrajectoryView } from '../../src/intake/read-trajectory/trajectory.view';
import { rowsOf } from '../../src/shared/crypto';
import { EVENT_STORE, type EventStore, StreamNotFound } from '../../src/shared/event-store';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader, testUserId } from '../support/auth';
import { testDatabaseKinds } from '../support/database';

type Headers = Record<string, string>;

interface Named {
  readonly name: string;
}

const BRUSSELS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' });
/** A date `days` before today in Belgium, as the service decides it. */
const daysAgo = (days: number) => BRUSSELS.format(new Date(Date.now() - days * 86_400_000));
const TOMORROW = daysAgo(-1);

const DESCRIPTION = 'Zit sinds november zonder verwarming, budgetmeter staat op nul';

let sequence = 0;
function person(municipalityId: string) {
  sequence += 1;
  return {
    givenName: 'Noor',
    familyName: `Intake-${sequence}-${randomUUID().slice(0, 8)}`,
    birthDate: '1979-04-12',
    municipalityId,
    household: { adults: 1, children: 1 },
    mainIncomeSource: 'social_integration_income',
  };
}

describe.each(testDatabaseKinds())('intake trajectories on %s', (kind) => {
  let service: TestApp;
  let kortrijk: string;
  let menen: string;
  let ocmwKortrijk: string;
  let ocmwMenen: string;
  let caw: string;
  let uitpas: string;
  let increasedReimbursement: string;
  const as: Record<'kortrijk' | 'menen' | 'caw' | 'dpo' | 'coordinator', Headers> = {} as never;

  beforeAll(async () => {
    service = await startTestApp({ kind, env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' } });
    const admin = await authHeader({ role: 'admin' });
    const list = async <T>(url: string) =>
      (await service.request({ method: 'GET', url: `${url}?limit=200`, headers: admin })).json<{ items: T[] }>().items;
    const municipalities = await list<Named & { municipalityId: string }>('/municipalities');
    const organisations = await list<Named & { organisationId: string }>('/organisations');
    const rights = await list<Named & { rightId: string }>('/rights-catalogue');
    kortrijk = municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId;
    menen = municipalities.find((item) => item.name === 'Menen')!.municipalityId;
    ocmwKortrijk = organisations.find((item) => item.name === 'OCMW Kortrijk')!.organisationId;
    ocmwMenen = organisations.find((item) => item.name === 'OCMW Menen')!.organisationId;
    caw = organisations.find((item) => item.name === 'CAW Zuid-West-Vlaanderen')!.organisationId;
    uitpas = rights.find((item) => item.name === 'UiTPAS kansentarief')!.rightId;
    increasedReimbursement = rights.find((item) => item.name === 'Verhoogde tegemoetkoming')!.rightId;
    as.kortrijk = await authHeader({ role: 'social_worker', organisationId: ocmwKortrijk });
    as.menen = await authHeader({ role: 'social_worker', organisationId: ocmwMenen });
    as.caw = await authHeader({ role: 'social_worker', organisationId: caw });
    as.dpo = await authHeader({ role: 'dpo', organisationId: ocmwKortrijk });
    as.coordinator = await authHeader({ role: 'coordinator', organisationId: ocmwKortrijk });
  });
  afterAll(() => service.dispose());

  const request = (
    method: 'GET' | 'POST',
    url: string,
    headers: Headers,
    payload?: object,
  ): Promise<LightMyRequestResponse> =>
    service.request({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const register = async (municipalityId: string, headers = as.kortrijk): Promise<string> => {
    const response = await request('POST', '/clients', headers, person(municipalityId));
    if (response.statusCode !== 201) throw new Error(`registration: ${response.statusCode} ${response.body}`);
    return response.json<{ clientId: string }>().clientId;
  };
  const open = async (clientId: string, headers = as.kortrijk, body: object = {}): Promise<string> => {
    const response = await request('POST', '/intake-trajectories', headers, {
      clientId,
      origin: 'came_in_themselves',
      ...body,
    });
    if (response.statusCode !== 201) throw new Error(`open: ${response.statusCode} ${response.body}`);
    return response.json<{ trajectoryId: string }>().trajectoryId;
  };
  /** The number of events in the trajectory's stream: what a refusal must leave as it was. */
  const eventsIn = async (trajectoryId: string): Promise<number> => {
    try {
      return (await service.app.get<EventStore>(EVENT_STORE).readStream(`intake-${trajectoryId}`)).length;
    } catch (error) {
      if (error instanceof StreamNotFound) return 0;
      throw error;
    }
  };
  const fieldsOf = (response: LightMyRequestResponse) =>
    response
      .json<{ errors: { field: string }[] }>()
      .errors.map((error) => error.field)
      .sort();
  const url = (trajectoryId: string, path = '') => `/intake-trajectories/${trajectoryId}${path}`;

  it('runs the whole intake: assess, needs and rights, unmet need, reassign, transfer, close, reopen, as of', async () => {
    const clientId = await register(kortrijk);
    // Menen may see the person (their consent), so that responsibility can move there.
    const consent = await request('POST', `/clients/${clientId}/consents`, as.kortrijk, {
      scope: 'share_with_organisation',
      organisationId: ocmwMenen,
      validFrom: daysAgo(30),
    });
    expect(consent.statusCode).toBe(201);

    const opened = await request('POST', '/intake-trajectories', as.kortrijk, {
      clientId,
      origin: 'referred_by_partner',
      referringOrganisationId: caw,
      occurredOn: daysAgo(20),
    });
    expect(opened.statusCode).toBe(201);
    const trajectoryId = opened.json<{ trajectoryId: string }>().trajectoryId;
    expect(opened.headers.location).toBe(url(trajectoryId));
    expect(opened.headers.etag).toBe('"0"');
    expect(opened.json()).toEqual({
      trajectoryId,
      status: 'open',
      organisationId: ocmwKortrijk,
      caseworkerId: testUserId(['social_worker'], ocmwKortrijk),
      revision: 0,
    });

    // One open intake per person per organisation.
    const again = await request('POST', '/intake-trajectories', as.kortrijk, { clientId, origin: 'other' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'INTAKE_ALREADY_OPEN' });

    const baseline = await request('POST', url(trajectoryId, '/assessments'), as.kortrijk, {
      scores: { finances: 2, debts: 1, energy: 1, housing: 3 },
      problemFlags: ['energy_cut_off'],
      occurredOn: daysAgo(20),
    });
    expect(baseline.statusCode).toBe(201);
    const need = await request('POST', url(trajectoryId, '/needs'), as.kortrijk, {
      lifeDomain: 'energy',
      description: DESCRIPTION,
      occurredOn: daysAgo(19),
    });
    expect(need.statusCode).toBe(201);
    const needId = need.json<{ needId: string }>().needId;
    for (const [path, body, status] of [
      ['/rights', { rightId: increasedReimbursement, needId, occurredOn: daysAgo(18) }, 201],
      ['/rights', { rightId: uitpas, occurredOn: daysAgo(18) }, 201],
      [`/rights/${increasedReimbursement}/application`, { occurredOn: daysAgo(15) }, 200],
      ['/unmet-needs', { lifeDomain: 'mobility', reason: 'mobility_threshold', occurredOn: daysAgo(12) }, 201],
      [`/rights/${increasedReimbursement}/grant`, { occurredOn: daysAgo(10), grantedUntil: TOMORROW }, 200],
      ['/caseworker', { caseworkerId: 'kortrijk-worker-2', occurredOn: daysAgo(9) }, 200],
    ] as const) {
      const response = await request('POST', url(trajectoryId, path), as.kortrijk, body);
      expect({ path, status: response.statusCode, body: response.body }).toMatchObject({ path, status });
    }
    const followUp = await request('POST', url(trajectoryId, '/assessments'), as.kortrijk, {
      scores: { finances: 3, energy: 4 },
      occurredOn: daysAgo(8),
    });
    expect(followUp.statusCode).toBe(201);
    expect(followUp.headers.etag).toBe('"9"');

    // Right after the command, the read model shows it (read-your-writes), with the description opened.
    const detail = await request('GET', url(trajectoryId), as.kortrijk);
    expect(detail.statusCode).toBe(200);
    expect(detail.headers.etag).toBe('"9"');
    const view = detail.json<TrajectoryView>();
    expect(view).toMatchObject({
      trajectoryId,
      clientId,
      organisationId: ocmwKortrijk,
      caseworkerId: 'kortrijk-worker-2',
      status: 'open',
      origin: 'referred_by_partner',
      referringOrganisationId: caw,
      openedOn: daysAgo(20),
      lastActivityOn: daysAgo(8),
      daysOpen: 20,
      needs: [{ needId, lifeDomain: 'energy', recordedOn: daysAgo(19), description: DESCRIPTION }],
      unmetNeeds: [{ lifeDomain: 'mobility', reason: 'mobility_threshold', needId: null, signalledOn: daysAgo(12) }],
      referrals: [],
      asOf: null,
      revision: 9,
    });
    expect(view.assessments.map((assessment) => assessment.scores)).toEqual([
      { finances: 2, debts: 1, energy: 1, housing: 3 },
      { finances: 3, energy: 4 },
    ]);
    expect(view.rights).toEqual([
      expect.objectContaining({
        rightId: increasedReimbursement,
        lifeDomain: 'health',
        needId,
        status: 'granted',
        exploredOn: daysAgo(18),
        appliedOn: daysAgo(15),
        grantedOn: daysAgo(10),
        grantedUntil: TOMORROW,
      }),
      expect.objectContaining({ rightId: uitpas, lifeDomain: 'leisure', status: 'explored' }),
    ]);
    expect(view.timeline.map((entry) => entry.type)).toEqual([
      'IntakeOpened',
      'LifeDomainsAssessed',
      'NeedRecorded',
      'RightExplored',
      'RightExplored',
      'RightApplied',
      'UnmetNeedSignalled',
      'RightGranted',
      'CaseworkerAssigned',
      'LifeDomainsAssessed',
    ]);
    expect(JSON.stringify(view.timeline)).not.toContain(DESCRIPTION);

    // The caseload of Kortrijk holds it, and the caseworker's own list too.
    const caseload = await request('GET', '/intake-trajectories?caseworkerId=kortrijk-worker-2', as.kortrijk);
    expect(caseload.json().items).toEqual([
      expect.objectContaining({ trajectoryId, clientId, status: 'open', daysOpen: 20, lastActivityOn: daysAgo(8) }),
    ]);

    // Transfer: from now on Menen is responsible, with the caseworker the transfer names. Kortrijk keeps reading the
    // course (it registered the person: ADR 0028) but may change nothing.
    const beforeTransfer = new Date().toISOString();
    const transfer = await request('POST', url(trajectoryId, '/transfer'), as.kortrijk, {
      toOrganisationId: ocmwMenen,
      reason: 'kracht_wonen',
      occurredOn: daysAgo(7),
      caseworkerId: 'menen-worker-1',
    });
    expect(transfer.statusCode).toBe(200);
    expect(transfer.json()).toMatchObject({ organisationId: ocmwMenen, caseworkerId: 'menen-worker-1', revision: 10 });
    const overview = await request('GET', url(trajectoryId), as.kortrijk);
    expect(overview.statusCode).toBe(200);
    expect(overview.json()).toMatchObject({ organisationId: ocmwMenen, caseworkerId: 'menen-worker-1' });
    expect(
      (await request('POST', url(trajectoryId, '/closure'), as.kortrijk, { outcome: 'moved_away' })).statusCode,
    ).toBe(403);
    const atMenen = await request('GET', url(trajectoryId), as.menen);
    expect(atMenen.statusCode).toBe(200);
    expect(atMenen.json()).toMatchObject({ organisationId: ocmwMenen, needs: [{ description: DESCRIPTION }] });
    expect((await request('GET', '/intake-trajectories', as.kortrijk)).json().items).not.toContainEqual(
      expect.objectContaining({ trajectoryId }),
    );
    expect((await request('GET', '/intake-trajectories', as.menen)).json().items).toContainEqual(
      expect.objectContaining({ trajectoryId, caseworkerId: 'menen-worker-1' }),
    );
    // The claim moved with it: Kortrijk may open a new intake for the person, Menen may not.
    expect((await request('POST', '/intake-trajectories', as.menen, { clientId, origin: 'other' })).statusCode).toBe(
      409,
    );
    const kortrijkAgain = await open(clientId);
    expect(kortrijkAgain).not.toBe(trajectoryId);

    // Menen assigns its caseworker and closes; on the closed trajectory every command but reopening is refused.
    await request('POST', url(trajectoryId, '/caseworker'), as.menen, { caseworkerId: 'menen-worker-3' });
    const closed = await request('POST', url(trajectoryId, '/closure'), as.menen, {
      outcome: 'rights_realised',
      occurredOn: daysAgo(3),
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', revision: 12 });
    for (const [path, body] of [
      ['/assessments', { scores: { finances: 4 } }],
      ['/needs', { lifeDomain: 'housing' }],
      ['/rights', { rightId: increasedReimbursement }],
      [`/rights/${uitpas}/application`, {}],
      [`/rights/${uitpas}/grant`, {}],
      [`/rights/${increasedReimbursement}/refusal`, { reason: 'other' }],
      ['/unmet-needs', { lifeDomain: 'housing', reason: 'waiting_list' }],
      ['/caseworker', { caseworkerId: 'menen-worker-2' }],
      ['/transfer', { toOrganisationId: ocmwKortrijk, reason: 'other', caseworkerId: 'kortrijk-worker-1' }],
      ['/closure', { outcome: 'no_contact' }],
    ] as const) {
      const response = await request('POST', url(trajectoryId, path), as.menen, body);
      expect({ path, status: response.statusCode, code: response.json().code }).toEqual({
        path,
        status: 409,
        code: 'INTAKE_CLOSED',
      });
    }
    expect(await eventsIn(trajectoryId)).toBe(13);
    expect((await request('GET', url(trajectoryId), as.menen)).json()).toMatchObject({
      status: 'closed',
      closedOn: daysAgo(3),
      outcome: 'rights_realised',
      daysOpen: 17,
    });

    const reopened = await request('POST', url(trajectoryId, '/reopening'), as.menen, { occurredOn: daysAgo(1) });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', revision: 13 });
    const reopenAgain = await request('POST', url(trajectoryId, '/reopening'), as.menen, {});
    expect(reopenAgain.statusCode).toBe(409);
    expect(reopenAgain.json()).toMatchObject({ code: 'INTAKE_NOT_CLOSED' });

    // As of a date on the axis of when things happened: before the application, at Kortrijk, one assessment.
    const occurred = await request('GET', url(trajectoryId, `?asOf=${daysAgo(16)}`), as.menen);
    expect(occurred.statusCode).toBe(200);
    const earlier = occurred.json<TrajectoryView>();
    expect(earlier).toMatchObject({
      organisationId: ocmwKortrijk,
      status: 'open',
      closedOn: null,
      daysOpen: 4,
      referrals: null,
      asOf: { asOf: daysAgo(16), axis: 'occurred' },
      revision: 4,
    });
    expect(earlier.assessments).toHaveLength(1);
    expect(earlier.rights.map((right) => right.status)).toEqual(['explored', 'explored']);
    expect(earlier.unmetNeeds).toEqual([]);
    expect(earlier.needs).toEqual([expect.objectContaining({ needId, description: DESCRIPTION })]);

    // As of an instant on the axis of when things were recorded: everything before the transfer.
    const recorded = await request(
      'GET',
      url(trajectoryId, `?asOf=${encodeURIComponent(beforeTransfer)}&axis=recorded`),
      as.menen,
    );
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json()).toMatchObject({
      organisationId: ocmwKortrijk,
      caseworkerId: 'kortrijk-worker-2',
      status: 'open',
      revision: 9,
      asOf: { axis: 'recorded' },
    });
    // Nothing was recorded before today: the trajectory did not exist yet on that axis.
    const notYet = await request('GET', url(trajectoryId, `?asOf=${daysAgo(1)}&axis=recorded`), as.menen);
    expect(notYet.statusCode).toBe(404);
    // The organisation that transferred it reads its earlier states too (ADR 0028); one never responsible does not.
    expect((await request('GET', url(trajectoryId, `?asOf=${daysAgo(16)}`), as.kortrijk)).statusCode).toBe(200);
    expect((await request('GET', url(trajectoryId, `?asOf=${daysAgo(16)}`), as.caw)).statusCode).toBe(403);

    // Every read and write is in the access log, with the person.
    const log = await request('GET', `/access-log?personId=${clientId}&limit=200`, as.dpo);
    const routes = log
      .json<{ items: { route: string; outcome: string; method: string }[] }>()
      .items.map((entry) => `${entry.method} ${entry.route} ${entry.outcome}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /intake-trajectories allowed',
        'GET /intake-trajectories allowed',
        'GET /intake-trajectories/:trajectoryId allowed',
        'GET /intake-trajectories/:trajectoryId denied',
        'POST /intake-trajectories/:trajectoryId/closure denied',
        'POST /intake-trajectories/:trajectoryId/transfer allowed',
      ]),
    );
    expect(log.body).not.toContain(DESCRIPTION);
  });

  it('refuses a stale If-Match with 412 and answers a retry with the same Idempotency-Key from the first call', async () => {
    const trajectoryId = await open(await register(kortrijk));
    const key = { 'idempotency-key': `need-${randomUUID()}` };
    const first = await request(
      'POST',
      url(trajectoryId, '/needs'),
      { ...as.kortrijk, ...key },
      {
        lifeDomain: 'debts',
      },
    );
    expect(first.statusCode).toBe(201);
    const retry = await request(
      'POST',
      url(trajectoryId, '/needs'),
      { ...as.kortrijk, ...key },
      {
        lifeDomain: 'debts',
      },
    );
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(await eventsIn(trajectoryId)).toBe(2);

    const stale = await request(
      'POST',
      url(trajectoryId, '/assessments'),
      { ...as.kortrijk, 'if-match': '"0"' },
      {
        scores: { debts: 2 },
      },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'REVISION_MISMATCH' });
    const current = await request(
      'POST',
      url(trajectoryId, '/assessments'),
      { ...as.kortrijk, 'if-match': '"1"' },
      {
        scores: { debts: 2 },
      },
    );
    expect(current.statusCode).toBe(201);
    expect(current.headers.etag).toBe('"2"');

    // A retried open lands on the same trajectory and opens nothing twice.
    const clientId = await register(kortrijk);
    const openKey = { 'idempotency-key': `open-${randomUUID()}` };
    const body = { clientId, origin: 'proactive_signal', signalSource: 'energy_supplier' };
    const opened = await request('POST', '/intake-trajectories', { ...as.kortrijk, ...openKey }, body);
    const reopened = await request('POST', '/intake-trajectories', { ...as.kortrijk, ...openKey }, body);
    expect(opened.statusCode).toBe(201);
    expect(reopened.json()).toEqual(opened.json());
    expect(await eventsIn(opened.json<{ trajectoryId: string }>().trajectoryId)).toBe(1);

    // A retried transfer is answered like the first call, though the caller's organisation is responsible no more;
    // a retried reopening likewise, though the trajectory is open by then.
    const movingId = await register(kortrijk);
    await request('POST', `/clients/${movingId}/consents`, as.kortrijk, {
      scope: 'share_with_organisation',
      organisationId: ocmwMenen,
    });
    const moving = await open(movingId);
    await request('POST', url(moving, '/closure'), as.kortrijk, { outcome: 'no_contact' });
    for (const [path, body] of [
      ['/reopening', {}],
      ['/transfer', { toOrganisationId: ocmwMenen, reason: 'moved_municipality', caseworkerId: 'menen-worker-1' }],
    ] as const) {
      const retried = { ...as.kortrijk, 'idempotency-key': `retry-${randomUUID()}` };
      const first = await request('POST', url(moving, path), retried, body);
      const again = await request('POST', url(moving, path), retried, body);
      expect({ path, status: first.statusCode }).toEqual({ path, status: 200 });
      expect({ path, again: again.json() }).toEqual({ path, again: first.json() });
    }
    expect(await eventsIn(moving)).toBe(4);
  });

  it('lists every invalid field in one 400 and appends nothing', async () => {
    const clientId = await register(kortrijk);
    const unknownPerson = await request('POST', '/intake-trajectories', as.kortrijk, {
      clientId: randomUUID(),
      origin: 'walked_by',
      occurredOn: TOMORROW,
      caseworkerId: 'not a user id',
      surprise: true,
    });
    expect(unknownPerson.statusCode).toBe(400);
    // `surprise` is unknown: counted, not named (docs/api.md).
    expect(fieldsOf(unknownPerson)).toEqual(['(unknown fields)', 'caseworkerId', 'clientId', 'occurredOn', 'origin']);
    const badOrigin = await request('POST', '/intake-trajectories', as.kortrijk, {
      clientId,
      origin: 'referred_by_partner',
      referringOrganisationId: randomUUID(),
      signalSource: 'school',
    });
    expect(fieldsOf(badOrigin)).toEqual(['referringOrganisationId', 'signalSource']);
    expect(badOrigin.body).not.toContain(clientId);

    const trajectoryId = await open(clientId, as.kortrijk, { occurredOn: daysAgo(5) });
    const scores = await request('POST', url(trajectoryId, '/assessments'), as.kortrijk, {
      scores: { finances: 6, debts: 0, wellbeing: 3, housing: 2.5 },
      problemFlags: ['no_income', 'bad_luck'],
      occurredOn: TOMORROW,
    });
    expect(scores.statusCode).toBe(400);
    expect(fieldsOf(scores)).toEqual([
      'occurredOn',
      'problemFlags.1',
      // `wellbeing` is no life domain: counted under `scores`, its name (the caller's text) not repeated.
      'scores',
      'scores.debts',
      'scores.finances',
      'scores.housing',
    ]);
    const beforeOpening = await request('POST', url(trajectoryId, '/needs'), as.kortrijk, {
      lifeDomain: 'luck',
      occurredOn: daysAgo(6),
    });
    expect(fieldsOf(beforeOpening)).toEqual(['lifeDomain', 'occurredOn']);
    const unknownRight = await request('POST', url(trajectoryId, '/rights'), as.kortrijk, {
      rightId: randomUUID(),
      needId: randomUUID(),
    });
    expect(fieldsOf(unknownRight)).toEqual(['needId', 'rightId']);
    const unknownOrganisation = await request('POST', url(trajectoryId, '/transfer'), as.kortrijk, {
      toOrganisationId: randomUUID(),
      reason: 'moved_far_away',
      caseworkerId: 'menen-worker-1',
    });
    expect(fieldsOf(unknownOrganisation)).toEqual(['reason', 'toOrganisationId']);
    const toItself = await request('POST', url(trajectoryId, '/transfer'), as.kortrijk, {
      toOrganisationId: ocmwKortrijk,
      reason: 'other',
      caseworkerId: 'kortrijk-worker-1',
    });
    expect(toItself.statusCode).toBe(409);
    expect(toItself.json()).toMatchObject({ code: 'TRANSFER_TO_SAME_ORGANISATION' });
    const noConsent = await request('POST', url(trajectoryId, '/transfer'), as.kortrijk, {
      toOrganisationId: caw,
      reason: 'better_placed_partner',
      caseworkerId: 'caw-worker-1',
    });
    expect(noConsent.json()).toMatchObject({ code: 'RECEIVING_ORGANISATION_MAY_NOT_SEE_CLIENT' });
    const notExplored = await request('POST', url(trajectoryId, `/rights/${uitpas}/grant`), as.kortrijk, {
      amountCents: -5,
    });
    expect(fieldsOf(notExplored)).toEqual(['amountCents']);
    const refusedRight = await request('POST', url(trajectoryId, `/rights/${uitpas}/refusal`), as.kortrijk, {
      reason: 'other',
    });
    expect(refusedRight.json()).toMatchObject({ code: 'RIGHT_NOT_EXPLORED' });
    expect(await eventsIn(trajectoryId)).toBe(1);

    // A local right of Kortrijk does not apply to a person living in Menen.
    const inMenen = await open(await register(menen));
    const local = await request('POST', url(inMenen, '/rights'), as.kortrijk, { rightId: uitpas });
    expect(fieldsOf(local)).toEqual(['rightId']);
    expect(await eventsIn(inMenen)).toBe(1);

    expect((await request('GET', '/intake-trajectories/not-a-uuid', as.kortrijk)).statusCode).toBe(400);
    expect((await request('GET', url(randomUUID()), as.kortrijk)).statusCode).toBe(404);
    expect((await request('GET', url(trajectoryId, '?asOf=2026-02-30'), as.kortrijk)).statusCode).toBe(400);
    expect((await request('GET', url(trajectoryId, '?axis=recorded'), as.kortrijk)).statusCode).toBe(400);
  });

  it('opens only for people the organisation may see, never for erased ones, and scrubs descriptions on erasure', async () => {
    const clientId = await register(kortrijk);
    const other = await request('POST', '/intake-trajectories', as.menen, { clientId, origin: 'came_in_themselves' });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await request('GET', '/intake-trajectories', as.coordinator)).statusCode).toBe(403);

    const trajectoryId = await open(clientId);
    await request('POST', url(trajectoryId, '/needs'), as.kortrijk, {
      lifeDomain: 'housing',
      description: DESCRIPTION,
    });
    expect((await request('POST', `/clients/${clientId}/erasure`, as.dpo)).statusCode).toBe(200);

    const erasedOpen = await request('POST', '/intake-trajectories', as.kortrijk, { clientId, origin: 'other' });
    expect(erasedOpen.statusCode).toBe(409);
    expect(erasedOpen.json()).toMatchObject({ code: 'CLIENT_ERASED' });
    const erasedNeed = await request('POST', url(trajectoryId, '/needs'), as.kortrijk, {
      lifeDomain: 'debts',
      description: 'nieuw',
    });
    expect(erasedNeed.json()).toMatchObject({ code: 'CLIENT_ERASED' });
    expect(await eventsIn(trajectoryId)).toBe(2);

    // The read model keeps the need, without its description, once the projection has seen the erasure.
    const dataSource = service.app.get(DataSource);
    const deadline = Date.now() + 60_000;
    let row: { personal_data_erased: boolean; detail: string } | undefined;
    while (Date.now() < deadline) {
      row = rowsOf<{ personal_data_erased: boolean; detail: string }>(
        await dataSource.query(
          'SELECT personal_data_erased, detail::text AS detail FROM intake_trajectories WHERE trajectory_id = $1',
          [trajectoryId],
        ),
      )[0];
      if (row?.personal_data_erased) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(row?.personal_data_erased).toBe(true);
    expect(row?.detail).not.toContain('$pii');
    const detail = await request('GET', url(trajectoryId), as.kortrijk);
    expect(detail.json().needs).toEqual([expect.objectContaining({ lifeDomain: 'housing', description: null })]);
  });
});
