import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  INTAKE_TRAJECTORIES_PROJECTION,
  intakeTrajectoriesProjection,
} from '../../../src/intake/intake-trajectories/intake-trajectories.projection';
import type { ReferralEvent } from '../../../src/referral';
import { type AppendResult, EVENT_STORE, type EventStore, type JsonObject } from '../../../src/shared/event-store';
import { ProjectionRunner } from '../../../src/shared/projections';
import { startTestApp, type TestApp } from '../../support/app';
import { authHeader } from '../../support/auth';
import { testDatabaseKinds } from '../../support/database';
import { committedEvents } from '../../support/event-log';

const BRUSSELS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' });
const daysAgo = (days: number) => BRUSSELS.format(new Date(Date.now() - days * 86_400_000));

/**
 * The closed loop (issue 7) on the intake side: the trajectory's detail shows the referrals sent from it and where
 * they stand, from the referral events alone (appended here straight to the store, as the referral capability
 * would), with `overdue` computed when read. Also: re-delivering the events changes nothing, and a rebuild gives
 * the same rows.
 */
describe.each(testDatabaseKinds())('referrals in the trajectory detail on %s', (kind) => {
  let service: TestApp;
  let headers: Record<string, string>;
  let trajectoryId: string;
  let toOrganisationId: string;

  beforeAll(async () => {
    service = await startTestApp({ kind });
    const admin = await authHeader({ role: 'admin' });
    const list = async <T>(url: string) =>
      (await service.request({ method: 'GET', url: `${url}?limit=200`, headers: admin })).json<{ items: T[] }>().items;
    const organisations = await list<{ name: string; organisationId: string }>('/organisations');
    const municipalities = await list<{ name: string; municipalityId: string }>('/municipalities');
    const ocmwKortrijk = organisations.find((item) => item.name === 'OCMW Kortrijk')!.organisationId;
    toOrganisationId = organisations.find((item) => item.name === 'CAW Zuid-West-Vlaanderen')!.organisationId;
    headers = await authHeader({ role: 'social_worker', organisationId: ocmwKortrijk });
    const registered = await service.request({
      method: 'POST',
      url: '/clients',
      headers,
      payload: {
        givenName: 'Lotte',
        familyName: 'Loop',
        birthDate: '1990-05-05',
        municipalityId: municipalities.find((item) => item.name === 'Kortrijk')!.municipalityId,
        household: { adults: 1, children: 0 },
        mainIncomeSource: 'unknown',
      },
    });
    const opened = await service.request({
      method: 'POST',
      url: '/intake-trajectories',
      headers,
      payload: { clientId: registered.json<{ clientId: string }>().clientId, origin: 'came_in_themselves' },
    });
    trajectoryId = opened.json<{ trajectoryId: string }>().trajectoryId;
  });
  afterAll(() => service.dispose());

  const store = () => service.app.get<EventStore>(EVENT_STORE);

  /** Appends referral events to their streams and waits until the trajectories projection has applied them. */
  const append = async (...events: ReferralEvent[]) => {
    let last: AppendResult | undefined;
    for (const event of events) {
      last = await store().appendToStream(
        `referral-${event.data.referralId}`,
        [{ id: randomUUID(), type: event.type, data: event.data as unknown as JsonObject, metadata: {} }],
        { expectedRevision: 'any' },
      );
    }
    const caughtUp = await service.app
      .get(ProjectionRunner)
      .waitFor(INTAKE_TRAJECTORIES_PROJECTION, last!.position, 20_000);
    expect(caughtUp).toBe(true);
  };

  const sent = (referralId: string, sentDaysAgo: number, dueDaysAgo: number): ReferralEvent => ({
    type: 'ReferralSent',
    data: {
      referralId,
      occurredOn: daysAgo(sentDaysAgo),
      trajectoryId,
      clientId: randomUUID(),
      fromOrganisationId: 'from',
      toOrganisationId,
      service: 'budget counselling',
      fromMunicipalityId: null,
      toMunicipalityId: null,
      lifeDomain: 'debts',
      needId: null,
      warm: true,
      note: null,
      consentBasis: 'none',
      consentId: null,
      responseDeadlineDays: 14,
      dueOn: daysAgo(dueDaysAgo),
      serviceStartDeadlineDays: 30,
      previousReferralId: null,
    },
  });

  it('shows each referral with the status of its last event, and overdue when still sent after its deadline', async () => {
    const [late, answered, inTime, unknown] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await append(
      sent(late, 20, 6),
      sent(answered, 19, 5),
      { type: 'ReferralAccepted', data: { referralId: answered, occurredOn: daysAgo(10) } },
      { type: 'ReferralFirstContactMade', data: { referralId: answered, occurredOn: daysAgo(8) } },
      sent(inTime, 2, -12),
      // A referral this projection never saw sent (another trajectory's, or lost): ignored.
      { type: 'ReferralAccepted', data: { referralId: unknown, occurredOn: daysAgo(1) } },
    );

    const detail = await service.request({ method: 'GET', url: `/intake-trajectories/${trajectoryId}`, headers });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().referrals).toEqual([
      {
        referralId: late,
        toOrganisationId,
        toOrganisationName: 'CAW Zuid-West-Vlaanderen',
        service: 'budget counselling',
        lifeDomain: 'debts',
        status: 'sent',
        sentOn: daysAgo(20),
        dueOn: daysAgo(6),
        overdue: true,
      },
      expect.objectContaining({ referralId: answered, status: 'first_contact_made', overdue: false }),
      expect.objectContaining({ referralId: inTime, status: 'sent', dueOn: daysAgo(-12), overdue: false }),
    ]);
    // Referral events do not change the trajectory's own history.
    expect(detail.headers.etag).toBe('"0"');

    await append({
      type: 'ReferralDeclined',
      data: { referralId: late, occurredOn: daysAgo(0), reason: 'no_capacity', explanation: null },
    });
    const after = await service.request({ method: 'GET', url: `/intake-trajectories/${trajectoryId}`, headers });
    expect(after.json().referrals[0]).toMatchObject({ referralId: late, status: 'declined', overdue: false });
  });

  it('applies re-delivered events once, and rebuilds to the same rows', async () => {
    const dataSource = service.app.get(DataSource);
    const snapshot = async () => ({
      trajectories: await dataSource.query(
        `SELECT trajectory_id, status, revision, detail::text AS detail FROM intake_trajectories ORDER BY trajectory_id`,
      ),
      referrals: await dataSource.query(
        `SELECT referral_id, trajectory_id, status, status_since, due_on FROM intake_trajectory_referrals ORDER BY referral_id`,
      ),
    });
    const before = await snapshot();
    const everything = await committedEvents(dataSource);
    await dataSource.transaction((tx) => intakeTrajectoriesProjection.handle(everything, tx));
    expect(await snapshot()).toEqual(before);

    await dataSource.transaction(async (tx) => {
      await intakeTrajectoriesProjection.reset(tx);
      await intakeTrajectoriesProjection.handle(everything, tx);
    });
    expect(await snapshot()).toEqual(before);
  });
});
