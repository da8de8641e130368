import { randomUUID } from 'node:crypto';
import { TrajectorySnapshots } from '../../../src/intake';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../../../src/intake/intake-trajectories/intake-trajectories.projection';
import { EVENT_STORE, type EventStore } from '../../../src/shared/event-store';
import { ProjectionRunner } from '../../../src/shared/projections';
import { startTestApp, type TestApp } from '../../support/app';
import { authHeader } from '../../support/auth';
import { testDatabaseKinds } from '../../support/database';

const BRUSSELS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' });

/**
 * Events stored in an older shape are read in the current one, everywhere intake reads them: the stream's fold
 * (access, snapshots for referral), the trajectories read model and its timeline. The shape here is a transfer
 * stored before `caseworkerId` was renamed `receivingCaseworkerId` (appended straight to the store, as the older
 * code wrote it).
 */
describe.each(testDatabaseKinds())('intake events stored in an older shape on %s', (kind) => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ kind });
  });
  afterAll(() => service.dispose());

  it('reads a transfer stored with `caseworkerId` as one with `receivingCaseworkerId`', async () => {
    const admin = await authHeader({ role: 'admin' });
    const list = async <T>(url: string) =>
      (await service.request({ method: 'GET', url: `${url}?limit=200`, headers: admin })).json<{ items: T[] }>().items;
    const organisations = await list<{ name: string; organisationId: string }>('/organisations');
    const municipalities = await list<{ name: string; municipalityId: string }>('/municipalities');
    const from = organisations.find((item) => item.name === 'OCMW Kortrijk')!.organisationId;
    const to = organisations.find((item) => item.name === 'CAW Zuid-West-Vlaanderen')!.organisationId;
    const headers = await authHeader({ role: 'social_worker', organisationId: from });
    const registered = await service.request({
      method: 'POST',
      url: '/clients',
      headers,
      payload: {
        givenName: 'Oscar',
        familyName: 'Oudvorm',
        birthDate: '1980-01-01',
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
    expect(opened.statusCode).toBe(201);
    const { trajectoryId } = opened.json<{ trajectoryId: string }>();

    const appended = await service.app.get<EventStore>(EVENT_STORE).appendToStream(
      `intake-${trajectoryId}`,
      [
        {
          id: randomUUID(),
          type: 'ResponsibilityTransferred',
          data: {
            trajectoryId,
            occurredOn: BRUSSELS.format(new Date()),
            fromOrganisationId: from,
            toOrganisationId: to,
            reason: 'moved_municipality',
            caseworkerId: 'worker-received',
          },
          metadata: {},
        },
      ],
      { expectedRevision: 0n },
    );
    expect(
      await service.app.get(ProjectionRunner).waitFor(INTAKE_TRAJECTORIES_PROJECTION, appended.position, 20_000),
    ).toBe(true);

    expect(await service.app.get(TrajectorySnapshots).find(trajectoryId)).toMatchObject({
      organisationId: to,
      caseworkerId: 'worker-received',
    });
    const receiving = await authHeader({ role: 'social_worker', organisationId: to });
    const read = await service.request({
      method: 'GET',
      url: `/intake-trajectories/${trajectoryId}`,
      headers: receiving,
    });
    expect(read.statusCode).toBe(200);
    const view = read.json<{ caseworkerId: string; timeline: { type: string; facts: Record<string, unknown> }[] }>();
    expect(view.caseworkerId).toBe('worker-received');
    expect(view.timeline.at(-1)).toMatchObject({
      type: 'ResponsibilityTransferred',
      facts: { receivingCaseworkerId: 'worker-received' },
    });
    expect(view.timeline.at(-1)!.facts).not.toHaveProperty('caseworkerId');
    const asOf = await service.request({
      method: 'GET',
      url: `/intake-trajectories/${trajectoryId}?asOf=${BRUSSELS.format(new Date())}`,
      headers: receiving,
    });
    expect(asOf.json<{ caseworkerId: string }>().caseworkerId).toBe('worker-received');
  });
});
