import type { LightMyRequestResponse } from 'fastify';
import { INDICATORS } from '../../src/impact';
import { EVENT_STORE, type EventStore } from '../../src/shared/event-store';
import { ProjectionRunner } from '../../src/shared/projections';
import { ImpactEvents, appendStory, type Story } from '../integration/impact/impact-scenario';
import { startTestApp, type TestApp } from '../support/app';
import { authHeader } from '../support/auth';
import { testDatabaseKinds } from '../support/database';

const Q1 = 'period=quarter&from=2025-01-01&to=2025-03-31';

interface Cell {
  municipalityId: string | null;
  category: string | null;
  value: number | null;
  base: number | null;
  suppressed: boolean;
}

/**
 * Impact measurement over HTTP on the booted service: hand-made events appended to its store, the `impact.facts`
 * projection running as in production, figures and CSV for analysts, refusals for social workers, and not one
 * person's id in any answer.
 */
describe.each(testDatabaseKinds())('impact measurement on %s', (kind) => {
  let service: TestApp;
  let events: ImpactEvents;
  let story: Story;
  const responses: LightMyRequestResponse[] = [];

  const get = async (url: string, role: 'analyst' | 'coordinator' | 'social_worker', headers = {}) => {
    const response = await service.request({
      method: 'GET',
      url,
      headers: { ...(await authHeader({ role })), ...headers },
    });
    responses.push(response);
    return response;
  };

  beforeAll(async () => {
    service = await startTestApp({
      kind,
      env: { IMPACT_SUPPRESSION_THRESHOLD: '2', RATE_LIMIT_PER_IP: '100000', RATE_LIMIT_PER_USER: '100000' },
    });
    events = new ImpactEvents(service.app.get<EventStore>(EVENT_STORE));
    story = await appendStory(events, () => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(await service.app.get(ProjectionRunner).waitFor('impact.facts', events.last!, 30_000)).toBe(true);
  });

  afterAll(async () => {
    // Whatever each test asked, no answer named a person.
    const leaks = responses.filter((response) => events.clientIds.some((id) => response.body.includes(id)));
    expect(leaks.map((response) => response.body.slice(0, 200))).toEqual([]);
    expect(responses.length).toBeGreaterThan(5);
    await service?.dispose();
  });

  it('lists the indicators with their versions and definitions', async () => {
    const response = await get('/impact/indicators', 'analyst');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ suppressionThreshold: number; indicators: { code: string; version: number }[] }>();
    expect(body.suppressionThreshold).toBe(2);
    expect(body.indicators.map(({ code, version }) => ({ code, version }))).toEqual(
      INDICATORS.map(({ code, version }) => ({ code, version })),
    );
  });

  it('gives an analyst the figures, suppressed, with the version and position', async () => {
    const response = await get(`/impact/indicators/proactive_share?${Q1}`, 'analyst');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ indicator: { version: number }; position: unknown; cells: Cell[] }>();
    const cell = (municipalityId: string | null) => body.cells.find((each) => each.municipalityId === municipalityId);
    // Kortrijk: 3 intakes of 2 people, one proactive (one person: share × base would give it back); Menen: 3 of 3
    // people, two proactive (the one other is the complement). The region: 3 of 6, each side more than one person.
    expect(cell(story.kortrijk)).toMatchObject({ value: null, base: null, suppressed: true });
    expect(cell(story.menen)).toMatchObject({ value: null, base: null, suppressed: true });
    expect(cell(null)).toMatchObject({ value: 0.5, base: 6, suppressed: false });
    expect(body.indicator.version).toBe(1);
    expect(body.position).toEqual({ commit: events.last!.commit.toString(), prepare: events.last!.prepare.toString() });

    // Menen's single response (one person) is hidden, and Kortrijk's with it: the region would give it away.
    const days = (await get(`/impact/indicators/referral_response_days?${Q1}`, 'coordinator')).json<{
      cells: Cell[];
    }>();
    const median = (municipalityId: string | null) =>
      days.cells.find((each) => each.municipalityId === municipalityId && each.category === 'median');
    expect(median(story.menen)).toMatchObject({ suppressed: true, value: null, base: null });
    expect(median(story.kortrijk)).toMatchObject({ suppressed: true, value: null, base: null });
    expect(median(null)).toMatchObject({ suppressed: false, value: 5, base: 3 });
  });

  it('computes the figures as recorded at a past instant', async () => {
    const url = `/impact/indicators/reach_per_1000?${Q1}&municipalityId=region`;
    const now = (await get(url, 'analyst')).json<{ cells: Cell[] }>();
    const then = await get(`${url}&asOf=${encodeURIComponent(story.endOfBatchA)}`, 'analyst');
    expect(then.statusCode).toBe(200);
    const body = then.json<{ position: unknown; cells: Cell[] }>();
    // P7 (recorded in batch B) is not known yet.
    expect(now.cells).toEqual([expect.objectContaining({ municipalityId: null, base: 5, suppressed: false })]);
    expect(body.cells).toEqual([expect.objectContaining({ municipalityId: null, base: 4, suppressed: false })]);
    expect(body.position).toEqual({
      commit: story.positionOfBatchA.commit.toString(),
      prepare: story.positionOfBatchA.prepare.toString(),
    });
  });

  it('exports the same table as CSV', async () => {
    const response = await get(`/impact/indicators/proactive_share?${Q1}&municipalityId=region`, 'analyst', {
      accept: 'text/csv',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...lines] = response.body.trim().split('\r\n');
    expect(header).toBe(
      'indicator,indicator_version,unit,period,period_start,municipality_id,municipality_name,category,category_name,value,base,' +
        'suppressed,as_of,position_commit,position_prepare',
    );
    expect(lines).toEqual([
      `proactive_share,1,share,2025-Q1,2025-01-01,,region,,,0.5,6,false,,${events.last!.commit},${events.last!.prepare}`,
    ]);
  });

  it('refuses social workers, the same 403 for the list and the figures', async () => {
    for (const url of ['/impact/indicators', `/impact/indicators/proactive_share?${Q1}`]) {
      const response = await get(url, 'social_worker');
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('answers bad input with one 400 naming every field', async () => {
    const fields = async (url: string) => {
      const response = await get(url, 'analyst');
      expect(response.statusCode).toBe(400);
      return response
        .json<{ code: string; errors: { field: string; messages: string[] }[] }>()
        .errors.map((error) => error.field)
        .sort();
    };
    expect(await fields('/impact/indicators/happiness?period=week')).toEqual(['code', 'period']);
    expect(await fields('/impact/indicators/reach_per_1000?from=2025-03-01&to=2025-01-31')).toEqual(['to']);
    expect(await fields('/impact/indicators/reach_per_1000?from=01/02/2025&asOf=soon')).toEqual(['asOf', 'from']);
    expect(
      await fields(`/impact/indicators/reach_per_1000?municipalityId=${story.caw}&organisationId=${story.kortrijk}`),
    ).toEqual(['municipalityId', 'organisationId']);
  });
});
