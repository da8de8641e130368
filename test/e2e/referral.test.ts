import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { DataSource } from 'typeorm';
import { rowsOf } from '../../src/shared/crypto';
import { addDays } from '../../src/shared/domain/calendar';
import { EVENT_STORE, type EventStore, type Position } from '../../src/shared/event-store';
import { ConsentWithdrawalRevocations } from '../../src/referral/consent-withdrawals/consent-withdrawal-revocations';
import { startTestApp, type TestApp } from '../support/app';
import { MovableClock } from '../support/referral-flow';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';
import { committedHead } from '../support/event-log';
import { eventually } from '../support/projections';

type Headers = Record<string, string>;
type Method = 'GET' | 'POST';

interface Named {
  readonly name: string;
}

/** The fields of the answers these tests read (a referral, and the ids other capabilities answer with). */
interface Answer {
  readonly referralId: string;
  readonly clientId: string | null;
  readonly trajectoryId: string | null;
  readonly consentId: string | null;
  readonly needId: string | null;
  readonly note: string | null;
  readonly status: string;
  readonly overdue: boolean;
  readonly declined: { readonly explanation: string | null } | null;
}

interface Item {
  readonly referralId: string;
  readonly overdue: boolean;
}

interface Items {
  readonly items: readonly Item[];
}

describe.each(testDatabaseKinds())('referrals between partners on %s', (kind) => {
  const clock = new MovableClock();
  let service: TestApp;
  let ocmwKortrijk: string;
  let ocmwMenen: string;
  let caw: string;
  let w13: string;
  let kortrijk: string;
  let menen: string;
  const as: Record<'kortrijk' | 'menen' | 'caw' | 'coordinator' | 'dpo', Headers> = {} as never;

  beforeAll(async () => {
    service = await startTestApp({
      kind,
      clock,
      env: { RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' },
    });
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
    w13 = organisation('W13');
    as.kortrijk = await authHeader({ role: 'social_worker', organisationId: ocmwKortrijk });
    as.menen = await authHeader({ role: 'social_worker', organisationId: ocmwMenen });
    as.caw = await authHeader({ role: 'social_worker', organisationId: caw });
    as.coordinator = await authHeader({ role: 'coordinator', organisationId: w13 });
    as.dpo = await authHeader({ role: 'dpo', organisationId: w13 });
  });
  afterAll(() => service.dispose());
  afterEach(() => clock.reset());

  const head = (): Promise<Position | undefined> => committedHead(service.app.get(DataSource));
  const request = (method: Method, url: string, headers: Headers, payload?: object) =>
    service.request({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  const ok = <T = Answer>(response: LightMyRequestResponse, status = 200): T => {
    expect(`${response.statusCode} ${response.body.slice(0, 300)}`).toMatch(new RegExp(`^${status} `));
    return response.json<T>();
  };
  const fieldsOf = (response: LightMyRequestResponse) =>
    response
      .json<{ errors: { field: string }[] }>()
      .errors.map((error) => error.field)
      .sort();

  let sequence = 0;
  /** A person registered by OCMW Kortrijk, optionally with a consent to share for referrals. */
  const person = async (consent: 'share_for_referrals' | 'none' = 'share_for_referrals') => {
    sequence += 1;
    const registered = ok(
      await request('POST', '/clients', as.kortrijk, {
        givenName: 'Amélie',
        familyName: `Referral-${kind}-${sequence}`,
        birthDate: '1985-07-30',
        municipalityId: kortrijk,
        household: { adults: 1, children: 2 },
        mainIncomeSource: 'social_integration_income',
      }),
      201,
    );
    const clientId = registered.clientId as string;
    if (consent !== 'none')
      ok(await request('POST', `/clients/${clientId}/consents`, as.kortrijk, { scope: consent }), 201);
    return clientId;
  };

  /** An open intake trajectory of OCMW Kortrijk with one recorded need, over the intake capability's API. */
  const trajectory = async (clientId: string) => {
    const opened = ok(
      await request('POST', '/intake-trajectories', as.kortrijk, { clientId, origin: 'came_in_themselves' }),
      201,
    );
    const trajectoryId = opened.trajectoryId as string;
    const need = ok(
      await request('POST', `/intake-trajectories/${trajectoryId}/needs`, as.kortrijk, { lifeDomain: 'debts' }),
      201,
    );
    return { trajectoryId, needId: need.needId as string };
  };

  const NOTE = 'Zij wil een afspraak over haar schulden, liefst op dinsdag.';

  const send = async (clientId: string, body: object = {}) => {
    const { trajectoryId, needId } = await trajectory(clientId);
    return request('POST', '/referrals', as.kortrijk, {
      trajectoryId,
      toOrganisationId: ocmwMenen,
      service: 'eviction prevention',
      lifeDomain: 'debts',
      needId,
      warm: true,
      note: NOTE,
      ...body,
    });
  };

  it('runs send → accept → first contact → service started → complete between two municipalities', async () => {
    const clientId = await person();
    const sent = await send(clientId);
    const referral = ok(sent, 201);
    const referralId = referral.referralId;
    expect(sent.headers.location).toBe(`/referrals/${referralId}`);
    expect(sent.headers.etag).toBe('"0"');
    expect(referral).toMatchObject({
      clientId,
      fromOrganisationId: ocmwKortrijk,
      toOrganisationId: ocmwMenen,
      fromMunicipalityId: kortrijk,
      toMunicipalityId: menen,
      status: 'sent',
      overdue: false,
      consentBasis: 'share_for_referrals',
      note: NOTE,
      sentOn: clock.today(),
      dueOn: addDays(clock.today(), 14),
      responseDeadlineDays: 14,
    });

    // The receiver finds it in its inbox (no person, no note there) and opens it: consent lets it see both.
    const inbox = ok<Items>(await request('GET', '/referrals/inbox?status=sent', as.menen));
    const listed = inbox.items.find((item) => item.referralId === referralId);
    expect(listed).toMatchObject({ status: 'sent', overdue: false, fromOrganisationId: ocmwKortrijk });
    expect(JSON.stringify(inbox)).not.toContain(clientId);
    expect(JSON.stringify(inbox)).not.toContain(NOTE);
    const seen = ok(await request('GET', `/referrals/${referralId}`, as.menen));
    expect(seen).toMatchObject({ clientId, note: NOTE, personalDataShared: true, trajectoryId: null });

    const steps: [string, object, string][] = [
      ['acceptance', {}, 'accepted'],
      ['first-contact', {}, 'first_contact_made'],
      ['service-start', {}, 'service_started'],
      ['completion', { outcome: 'need_answered' }, 'completed'],
    ];
    for (const [index, [path, body, status]] of steps.entries()) {
      const response = await request('POST', `/referrals/${referralId}/${path}`, as.menen, body);
      expect(ok(response)).toMatchObject({ status });
      expect(response.headers.etag).toBe(`"${index + 1}"`);
    }
    const done = ok(await request('GET', `/referrals/${referralId}`, as.kortrijk));
    expect(done).toMatchObject({
      status: 'completed',
      acceptedOn: clock.today(),
      firstContactOn: clock.today(),
      serviceStartedOn: clock.today(),
      completed: { on: clock.today(), outcome: 'need_answered' },
    });
    const outbox = ok<Items>(await request('GET', '/referrals/outbox?status=completed', as.kortrijk));
    expect(outbox.items.map((item) => item.referralId)).toContain(referralId);

    // The flow matrix shows the cross-municipality pair with a verified service start.
    const flows = ok<{ flows: { fromOrganisationId: string; toOrganisationId: string }[] }>(
      await request(
        'GET',
        `/coordination/referrals/flows?sentFrom=${clock.today()}&sentTo=${clock.today()}`,
        as.coordinator,
      ),
    );
    expect(
      flows.flows.find((flow) => flow.fromOrganisationId === ocmwKortrijk && flow.toOrganisationId === ocmwMenen),
    ).toMatchObject({ fromMunicipalityId: kortrijk, toMunicipalityId: menen, crossMunicipality: true });
  });

  it('puts a declined referral on the sender’s follow-up list until it is sent again', async () => {
    const clientId = await person();
    const referralId = ok(await send(clientId), 201).referralId;
    const declined = await request('POST', `/referrals/${referralId}/decline`, as.menen, {
      reason: 'no_capacity',
      explanation: 'Wachtlijst tot september.',
    });
    expect(ok(declined)).toMatchObject({ status: 'declined', declined: { reason: 'no_capacity' } });
    const forSender = ok(await request('GET', `/referrals/${referralId}`, as.kortrijk));
    expect(forSender.declined?.explanation).toBe('Wachtlijst tot september.');

    const followUp = ok<Items>(await request('GET', '/referrals/follow-up', as.kortrijk));
    expect(followUp.items.find((item) => item.referralId === referralId)).toMatchObject({
      clientId,
      status: 'declined',
      declineReason: 'no_capacity',
    });
    // Not on the receiver's list: the person is back with the sender.
    expect(JSON.stringify(ok(await request('GET', '/referrals/follow-up', as.menen)))).not.toContain(referralId);

    const again = await request('POST', `/referrals/${referralId}/referral-again`, as.kortrijk, {
      toOrganisationId: caw,
      warm: false,
    });
    const second = ok(again, 201);
    expect(second).toMatchObject({
      previousReferralId: referralId,
      toOrganisationId: caw,
      lifeDomain: 'debts',
      status: 'sent',
      note: null,
    });
    const after = ok<Items>(await request('GET', '/referrals/follow-up', as.kortrijk));
    expect(after.items.map((item) => item.referralId)).not.toContain(referralId);

    // Sending again is for declined or dropped referrals only.
    const refused = await request('POST', `/referrals/${second.referralId}/referral-again`, as.kortrijk, {
      toOrganisationId: ocmwMenen,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'PREVIOUS_REFERRAL_NOT_DECLINED' });
  });

  it('needs the person’s consent to share them, and shares them once it is given', async () => {
    const clientId = await person('none');
    const { trajectoryId, needId } = await trajectory(clientId);
    const body = { trajectoryId, toOrganisationId: ocmwMenen, lifeDomain: 'debts', needId, note: NOTE };
    const before = await head();
    const refused = await request('POST', '/referrals', as.kortrijk, body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CONSENT_REQUIRED' });
    expect(refused.body).not.toContain(clientId);
    expect(await head()).toEqual(before);

    const consent = ok(
      await request('POST', `/clients/${clientId}/consents`, as.kortrijk, {
        scope: 'share_with_organisation',
        organisationId: ocmwMenen,
      }),
      201,
    );
    const sent = ok(await request('POST', '/referrals', as.kortrijk, body), 201);
    expect(sent).toMatchObject({ consentBasis: 'share_with_organisation', consentId: consent.consentId });
    expect(ok(await request('GET', `/referrals/${sent.referralId}`, as.menen))).toMatchObject({
      clientId,
      note: NOTE,
    });

    // The withdrawal counts at once: the receiver no longer sees the person or the note.
    ok(await request('POST', `/clients/${clientId}/consents/${consent.consentId}/withdrawal`, as.kortrijk, {}), 200);
    expect(ok(await request('GET', `/referrals/${sent.referralId}`, as.menen))).toMatchObject({
      clientId: null,
      note: null,
      personalDataShared: false,
    });
  });

  it('revokes the referrals awaiting an answer when the consent they rest on is withdrawn, once', async () => {
    const clientId = await person('none');
    const consent = ok(
      await request('POST', `/clients/${clientId}/consents`, as.kortrijk, {
        scope: 'share_with_organisation',
        organisationId: ocmwMenen,
      }),
      201,
    );
    const { trajectoryId, needId } = await trajectory(clientId);
    const body = { trajectoryId, toOrganisationId: ocmwMenen, lifeDomain: 'debts', needId, note: NOTE };
    const awaiting = ok(await request('POST', '/referrals', as.kortrijk, body), 201);
    const accepted = ok(await request('POST', '/referrals', as.kortrijk, body), 201);
    ok(await request('POST', `/referrals/${accepted.referralId}/acceptance`, as.menen, {}));
    expect([awaiting.consentId, accepted.consentId]).toEqual([consent.consentId, consent.consentId]);

    ok(await request('POST', `/clients/${clientId}/consents/${consent.consentId}/withdrawal`, as.kortrijk, {}), 200);
    const outbox = await eventually(
      'the revocation in the outbox',
      async () => ok<Items>(await request('GET', '/referrals/outbox?status=revoked&limit=200', as.kortrijk)),
      (page) => page.items.some((item) => item.referralId === awaiting.referralId),
      30_000,
    );
    expect(outbox.items.map((item) => item.referralId)).not.toContain(accepted.referralId);
    expect(ok(await request('GET', `/referrals/${awaiting.referralId}`, as.kortrijk))).toMatchObject({
      status: 'revoked',
      revoked: { reason: 'consent_withdrawn' },
    });
    // Accepting afterwards is refused; the referral already accepted goes on (the person is with the receiver).
    const late = await request('POST', `/referrals/${awaiting.referralId}/acceptance`, as.menen, {});
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    expect(ok(await request('GET', `/referrals/${accepted.referralId}`, as.menen))).toMatchObject({
      status: 'accepted',
    });

    // Replayed (a rebuild, or a crash after the append and before the row was settled): nothing appended twice.
    await service.app
      .get(DataSource)
      .query(`INSERT INTO referrals_on_consent (referral_id, consent_id, revocation_due) VALUES ($1, $2, true)`, [
        awaiting.referralId,
        consent.consentId,
      ]);
    expect(await service.app.get(ConsentWithdrawalRevocations).revokeDue()).toBe(0);
    const history = await service.app.get<EventStore>(EVENT_STORE).readStream(`referral-${awaiting.referralId}`);
    const revocations = history.filter((event) => event.type === 'ReferralRevoked');
    expect(revocations).toHaveLength(1);
    expect(revocations[0]).toMatchObject({
      data: { reason: 'consent_withdrawn', revokedByOrganisationId: ocmwKortrijk },
      metadata: { actorId: 'onthaal:consent-withdrawal', organisationId: ocmwKortrijk },
    });
  });

  it('sends an anonymous signal without consent: the receiver sees neither the person nor a note', async () => {
    const clientId = await person('none');
    const { trajectoryId } = await trajectory(clientId);
    const withNote = await request('POST', '/referrals', as.kortrijk, {
      trajectoryId,
      toOrganisationId: ocmwMenen,
      lifeDomain: 'housing',
      consentBasis: 'none',
      note: NOTE,
    });
    expect(withNote.statusCode).toBe(400);
    expect(fieldsOf(withNote)).toEqual(['note']);
    const sent = ok(
      await request('POST', '/referrals', as.kortrijk, {
        trajectoryId,
        toOrganisationId: ocmwMenen,
        lifeDomain: 'housing',
        consentBasis: 'none',
      }),
      201,
    );
    const seen = ok(await request('GET', `/referrals/${sent.referralId}`, as.menen));
    expect(seen).toMatchObject({ consentBasis: 'none', clientId: null, note: null, personalDataShared: false });
    expect(JSON.stringify(seen)).not.toContain(clientId);
  });

  it('shows coordinators counts, the overdue, flows and response times without anything personal', async () => {
    // Sent on a day of their own (other tests send today), so that the period holds these two only.
    clock.advanceDays(100);
    const sentOn = clock.today();
    const clientId = await person();
    const answered = ok(await send(clientId), 201);
    const pending = ok(await send(await person()), 201);
    clock.advanceDays(3);
    ok(await request('POST', `/referrals/${answered.referralId}/acceptance`, as.menen, {}));
    const period = `sentFrom=${sentOn}&sentTo=${sentOn}`;
    const responses = [
      await request('GET', '/coordination/referrals/status-counts', as.coordinator),
      await request('GET', '/coordination/referrals/overdue', as.coordinator),
      await request('GET', `/coordination/referrals/flows?${period}`, as.coordinator),
      await request('GET', `/coordination/referrals/response-times?${period}`, as.coordinator),
    ];
    for (const response of responses) {
      ok(response);
      for (const personal of [clientId, NOTE, answered.trajectoryId, pending.trajectoryId, 'clientId', 'note']) {
        expect(response.body).not.toContain(personal);
      }
    }
    const times = responses[3]!
      .json<{ organisations: { toOrganisationId: string }[] }>()
      .organisations.find((row) => row.toOrganisationId === ocmwMenen);
    expect(times).toEqual({
      toOrganisationId: ocmwMenen,
      toOrganisationName: 'OCMW Menen',
      sent: 2,
      responded: 1,
      awaiting: 1,
      overdue: 0,
      medianResponseDays: 3,
    });
    expect(responses[2]!.json().flows).toEqual([
      expect.objectContaining({ fromOrganisationId: ocmwKortrijk, toOrganisationId: ocmwMenen, sent: 2, accepted: 1 }),
    ]);
    expect(responses[0]!.json().byStatus.accepted).toBeGreaterThanOrEqual(1);

    // Coordinators read a referral they may revoke, and revoke it, without anything personal (docs/adr/0026).
    const asCoordinator = await request('GET', `/referrals/${pending.referralId}`, as.coordinator);
    expect(ok(asCoordinator)).toMatchObject({ clientId: null, trajectoryId: null, note: null, needId: null });
    expect(asCoordinator.body).not.toContain(NOTE);
    const revoked = await request('POST', `/referrals/${pending.referralId}/revocation`, as.coordinator, {
      reason: 'need_resolved',
    });
    expect(ok(revoked)).toMatchObject({
      status: 'revoked',
      clientId: null,
      trajectoryId: null,
      note: null,
      revoked: { reason: 'need_resolved', byOrganisationId: w13 },
    });
    expect(revoked.body).not.toContain(NOTE);
  });

  it('makes a referral overdue once its due date has passed, by the clock', async () => {
    const referralId = ok(await send(await person()), 201).referralId;
    clock.advanceDays(14);
    expect(ok(await request('GET', `/referrals/${referralId}`, as.menen)).overdue).toBe(false);
    clock.advanceDays(1);
    const seen = ok(await request('GET', `/referrals/${referralId}`, as.menen));
    expect(seen).toMatchObject({ status: 'sent', overdue: true });
    const inbox = ok<Items>(await request('GET', '/referrals/inbox?limit=200', as.menen));
    const firstNotOverdue = inbox.items.findIndex((item) => !item.overdue);
    const position = inbox.items.findIndex((item) => item.referralId === referralId);
    expect(inbox.items[position]).toMatchObject({ overdue: true });
    if (firstNotOverdue >= 0) expect(position).toBeLessThan(firstNotOverdue);
    const onlyOverdue = ok<Items>(await request('GET', '/referrals/inbox?overdue=true', as.menen));
    expect(onlyOverdue.items.every((item) => item.overdue)).toBe(true);
    const overdue = ok<Items>(await request('GET', '/coordination/referrals/overdue?limit=200', as.coordinator));
    expect(overdue.items.find((item) => item.referralId === referralId)).toMatchObject({
      daysOverdue: 1,
      toOrganisationId: ocmwMenen,
    });
    expect(ok(await request('GET', '/coordination/referrals/status-counts', as.coordinator)).overdue).toBeGreaterThan(
      0,
    );
    // Answered late, it is no longer overdue.
    ok(await request('POST', `/referrals/${referralId}/acceptance`, as.menen, {}));
    expect(ok(await request('GET', `/referrals/${referralId}`, as.kortrijk)).overdue).toBe(false);
  });

  it('refuses bad input with a stable code and appends nothing', async () => {
    const clientId = await person();
    const { trajectoryId, needId } = await trajectory(clientId);
    const base = { trajectoryId, toOrganisationId: ocmwMenen, lifeDomain: 'debts', needId };
    const before = await head();
    const refusals: [Headers, object, number, string][] = [
      [as.kortrijk, { ...base, toOrganisationId: ocmwKortrijk }, 409, 'OWN_ORGANISATION'],
      [as.kortrijk, { ...base, toOrganisationId: randomUUID() }, 409, 'UNKNOWN_ORGANISATION'],
      [as.kortrijk, { ...base, service: 'astrology' }, 409, 'UNKNOWN_SERVICE'],
      [as.kortrijk, { ...base, toOrganisationId: w13 }, 409, 'ORGANISATION_RECEIVES_NO_REFERRALS'],
      [as.kortrijk, { ...base, needId: randomUUID() }, 409, 'UNKNOWN_NEED'],
      [as.kortrijk, { ...base, trajectoryId: randomUUID() }, 404, 'INTAKE_TRAJECTORY_NOT_FOUND'],
      [as.menen, base, 403, 'FORBIDDEN'],
      [as.kortrijk, { ...base, lifeDomain: 'astrology', warm: 'yes', extra: 1 }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [headers, body, status, code] of refusals) {
      const response = await request('POST', '/referrals', headers, body);
      expect({ code, status: response.statusCode, body: response.json().code }).toEqual({ code, status, body: code });
      expect(response.body).not.toContain(clientId);
    }
    const invalid = await request('POST', '/referrals', as.kortrijk, { ...base, lifeDomain: 'astrology', warm: 1 });
    expect(fieldsOf(invalid)).toEqual(['lifeDomain', 'warm']);
    expect(await head()).toEqual(before);

    // A closed trajectory sends nothing.
    const closing = `/intake-trajectories/${trajectoryId}/closure`;
    ok(await request('POST', closing, as.kortrijk, { outcome: 'referred_on' }), 200);
    const closedAt = await head();
    const fromClosed = await request('POST', '/referrals', as.kortrijk, base);
    expect([fromClosed.statusCode, fromClosed.json().code]).toEqual([409, 'TRAJECTORY_CLOSED']);
    expect(await head()).toEqual(closedAt);
  });

  it('lets only the receiving organisation answer, in order, and nothing is appended on a refusal', async () => {
    const referralId = ok(await send(await person()), 201).referralId;
    const before = await head();
    const refusals: [Headers, string, object, number, string][] = [
      [as.kortrijk, 'acceptance', {}, 409, 'NOT_ADDRESSED_TO_YOUR_ORGANISATION'],
      [as.caw, 'acceptance', {}, 403, 'FORBIDDEN'],
      [as.menen, 'completion', { outcome: 'need_answered' }, 409, 'SERVICE_NOT_STARTED'],
      [as.menen, 'service-start', {}, 409, 'TRANSITION_NOT_ALLOWED'],
      [as.menen, 'drop', { droppedBy: 'person', reason: 'no_show' }, 409, 'TRANSITION_NOT_ALLOWED'],
      [as.menen, 'acceptance', { occurredOn: addDays(clock.today(), 1) }, 400, 'VALIDATION_FAILED'],
      [as.menen, 'acceptance', { occurredOn: addDays(clock.today(), -1) }, 409, 'OCCURRED_BEFORE_PREVIOUS_STEP'],
      [as.menen, 'revocation', { reason: 'sent_in_error' }, 409, 'NOT_SENT_BY_YOUR_ORGANISATION'],
      [as.menen, 'decline', { reason: 'bored' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [headers, path, body, status, code] of refusals) {
      const response = await request('POST', `/referrals/${referralId}/${path}`, headers, body);
      expect({ path, code, status: response.statusCode, body: response.json().code }).toEqual({
        path,
        code,
        status,
        body: code,
      });
    }
    expect((await request('POST', `/referrals/${randomUUID()}/acceptance`, as.menen, {})).statusCode).toBe(404);
    expect(await head()).toEqual(before);

    // If-Match and Idempotency-Key, as every command.
    const stale = await request('POST', `/referrals/${referralId}/acceptance`, { ...as.menen, 'if-match': '"7"' }, {});
    expect(stale.statusCode).toBe(412);
    const key = { ...as.menen, 'idempotency-key': randomUUID() };
    const first = await request('POST', `/referrals/${referralId}/acceptance`, key, {});
    const retry = await request('POST', `/referrals/${referralId}/acceptance`, key, {});
    expect([first.statusCode, retry.statusCode, retry.headers.etag]).toEqual([200, 200, '"1"']);
  });

  it('keeps no note in its read model, and erasure makes the note unreadable', async () => {
    const clientId = await person();
    const referralId = ok(await send(clientId), 201).referralId;
    const rows = rowsOf<Record<string, unknown>>(
      await service.app.get(DataSource).query('SELECT * FROM referrals WHERE referral_id = $1', [referralId]),
    );
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(NOTE.slice(0, 20));
    ok(await request('POST', `/clients/${clientId}/erasure`, as.dpo, {}), 200);
    const afterErasure = ok(await request('GET', `/referrals/${referralId}`, as.kortrijk));
    expect(afterErasure).toMatchObject({ note: null, status: 'sent' });
  });
});
