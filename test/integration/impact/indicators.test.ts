import type { AppConfig } from '../../../src/config/app-config';
import { ImpactAnalystAccess1765065600001 } from '../../../src/impact/analyst-access/analyst-access.migration';
import { ImpactPublishedCells1765065600022 } from '../../../src/impact/analyst-access/published-cells.migration';
import { INDICATORS } from '../../../src/impact/domain/indicators';
import { ImpactFacts1765065600000 } from '../../../src/impact/facts/impact-facts.migration';
import { impactFactsProjection, IMPACT_FACTS_PROJECTION } from '../../../src/impact/facts/impact-facts.projection';
import { IndicatorStore } from '../../../src/impact/infrastructure/indicator-store';
import { ReadIndicator } from '../../../src/impact/read-indicators/read-indicators.query';
import { ReadIndicatorHandler } from '../../../src/impact/read-indicators/read-indicator.handler';
import type { IndicatorCellView, IndicatorResultView } from '../../../src/impact/read-indicators/indicator.view';
import type { Clock } from '../../../src/shared/domain/clock';
import { PostgresEventStore } from '../../../src/shared/event-store/postgres';
import { AccessDenied, InvalidInput } from '../../../src/shared/domain/domain-error';
import type { AuthenticatedUser } from '../../../src/shared/auth';
import { ProjectionRunner } from '../../../src/shared/projections';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../support/database';
import { captureLogger } from '../../support/projections';
import { appendStory, ImpactEvents, type Story } from './impact-scenario';

/** The reference date of "still unanswered": 30 April 2025, after every due date of the story. */
const CLOCK: Clock = { now: () => new Date('2025-04-30T10:00:00Z') };
const Q1 = { period: 'quarter', from: '2025-01-01', to: '2025-03-31' };

/**
 * Every indicator on the hand-made story of `impact-scenario.ts`, against figures worked out by hand. Threshold 1
 * publishes everything (for the values); 2 and 3 show primary and secondary suppression.
 */
const W13_ANALYST: AuthenticatedUser = { userId: 'analyst-of-w13', organisationId: 'w13', roles: ['analyst'] };

describe.each(testDatabaseKinds())('impact indicators on %s', (kind) => {
  let db: TestDatabase;
  let runner: ProjectionRunner;
  let story: Story;
  let events: ImpactEvents;

  const handler = (threshold: number) =>
    new ReadIndicatorHandler(
      new IndicatorStore(db.dataSource),
      { impact: { suppressionThreshold: threshold } } as AppConfig,
      CLOCK,
    );
  const read = (code: string, query: Record<string, string> = Q1, threshold = 1, reader = W13_ANALYST) =>
    handler(threshold).execute(new ReadIndicator(reader, code, query));

  /** `{ Kortrijk: value, Menen: value, region: value }` of one category (null: no category). */
  function values(result: IndicatorResultView, category: string | null = null): Record<string, number | null> {
    const names = new Map([
      [story.kortrijk, 'Kortrijk'],
      [story.menen, 'Menen'],
      [story.harelbeke, 'Harelbeke'],
    ]);
    const picked: Record<string, number | null> = {};
    for (const cell of result.cells.filter((each) => each.category === category)) {
      picked[cell.municipalityId === null ? 'region' : names.get(cell.municipalityId)!] = cell.value;
    }
    return picked;
  }

  const bases = (result: IndicatorResultView, category: string | null = null) =>
    Object.fromEntries(
      result.cells
        .filter((cell) => cell.category === category)
        .map((cell) => [cell.municipalityName ?? 'region', cell.base]),
    );

  beforeAll(async () => {
    db = await createTestDatabase({
      kind,
      migrations: [ImpactFacts1765065600000, ImpactAnalystAccess1765065600001, ImpactPublishedCells1765065600022],
    });
    const eventStore = new PostgresEventStore(db.pool, { minPollIntervalMs: 5, maxPollIntervalMs: 40 });
    events = new ImpactEvents(eventStore);
    story = await appendStory(events, () => new Promise((resolve) => setTimeout(resolve, 20)));
    runner = new ProjectionRunner({
      eventStore,
      dataSource: db.dataSource,
      projections: [impactFactsProjection],
      logger: captureLogger(),
      batchSize: 7,
      lagRefreshMs: 0,
    });
    runner.start();
    expect(await runner.waitFor(IMPACT_FACTS_PROJECTION, events.last!, 30_000)).toBe(true);
  });

  afterAll(async () => {
    await runner?.stop();
    await db?.dispose();
  });

  it('reach per 1,000 inhabitants: a person once per period, where they lived, with consent', async () => {
    const result = await read('reach_per_1000');
    expect(values(result)).toEqual({ Harelbeke: null, Kortrijk: 0.5, Menen: 1.5, region: 0.83 });
    expect(bases(result)).toEqual({ Harelbeke: 0, Kortrijk: 2, Menen: 3, region: 5 });
    expect(result).toMatchObject({
      indicator: { code: 'reach_per_1000', version: 1 },
      period: 'quarter',
      from: '2025-01-01',
      to: '2025-03-31',
      asOf: null,
      position: { commit: events.last!.commit.toString(), prepare: events.last!.prepare.toString() },
    });
    const monthly = await read('reach_per_1000', { period: 'month', from: '2025-01-01', to: '2025-03-31' });
    const perMonth = (period: string) =>
      monthly.cells.filter((cell) => cell.period === period).map((cell) => [cell.municipalityName, cell.base]);
    expect(perMonth('2025-01')).toEqual([
      ['Harelbeke', 0],
      ['Kortrijk', 2],
      ['Menen', 0],
      [null, 2],
    ]);
    expect(perMonth('2025-02')).toEqual([
      ['Harelbeke', 0],
      ['Kortrijk', 0],
      ['Menen', 2],
      [null, 2],
    ]);
    expect(perMonth('2025-03')).toEqual([
      ['Harelbeke', 0],
      ['Kortrijk', 1],
      ['Menen', 1],
      [null, 2],
    ]);
  });

  it('first-time share: no intake in the 24 months before', async () => {
    expect(values(await read('first_time_share'))).toEqual({ Harelbeke: null, Kortrijk: 0.5, Menen: 1, region: 0.8 });
  });

  it('proactive share of intakes, also for one organisation', async () => {
    const result = await read('proactive_share');
    expect(values(result)).toEqual({ Harelbeke: null, Kortrijk: 0.3333, Menen: 0.6667, region: 0.5 });
    expect(bases(result)).toEqual({ Harelbeke: 0, Kortrijk: 3, Menen: 3, region: 6 });
    const menenOnly = await read('proactive_share', { ...Q1, organisationId: story.ocmwMenen });
    expect(values(menenOnly)).toEqual({ Harelbeke: null, Kortrijk: null, Menen: 0.5, region: 0.5 });
  });

  it('rights explored and granted per intake, and days from explored to granted', async () => {
    expect(values(await read('rights_explored_per_intake'))).toEqual({
      Harelbeke: null,
      Kortrijk: 1,
      Menen: 0.33,
      region: 0.67,
    });
    expect(values(await read('rights_granted_per_intake'))).toEqual({
      Harelbeke: null,
      Kortrijk: 0.67,
      Menen: 0.33,
      region: 0.5,
    });
    const days = await read('days_explored_to_granted');
    expect(values(days, 'median')).toEqual({ Harelbeke: null, Kortrijk: 20, Menen: 10, region: 20 });
    expect(values(days, 'p90')).toEqual({ Harelbeke: null, Kortrijk: 20, Menen: 10, region: 20 });
  });

  it('days from intake to first referral, median and p90', async () => {
    const result = await read('days_intake_to_first_referral');
    expect(values(result, 'median')).toEqual({ Harelbeke: null, Kortrijk: 10, Menen: 11, region: 10 });
    expect(values(result, 'p90')).toEqual({ Harelbeke: null, Kortrijk: 10, Menen: 11.8, region: 11.4 });
    expect(bases(result, 'median')).toEqual({ Harelbeke: 0, Kortrijk: 2, Menen: 2, region: 4 });
  });

  it('referral response time, acceptance rate and decline reasons', async () => {
    const days = await read('referral_response_days');
    expect(values(days, 'median')).toEqual({ Harelbeke: null, Kortrijk: 13, Menen: 2, region: 5 });
    expect(values(days, 'p90')).toEqual({ Harelbeke: null, Kortrijk: 19.4, Menen: 2, region: 17.8 });
    expect(values(await read('referral_acceptance_rate'))).toEqual({
      Harelbeke: null,
      Kortrijk: 0.5,
      Menen: 1,
      region: 0.6667,
    });
    const reasons = await read('referral_decline_reasons');
    expect(values(reasons, 'no_capacity')).toEqual({ Harelbeke: 0, Kortrijk: 1, Menen: 0, region: 1 });
    expect(values(reasons, 'waiting_list')).toEqual({ Harelbeke: 0, Kortrijk: 0, Menen: 0, region: 0 });
    expect(values(reasons, 'all')).toEqual({ Harelbeke: 0, Kortrijk: 1, Menen: 0, region: 1 });
  });

  it('verified service start, overdue and cross-municipality shares', async () => {
    expect(values(await read('referral_service_start_share'))).toEqual({
      Harelbeke: null,
      Kortrijk: 0.5,
      Menen: 0,
      region: 0.25,
    });
    expect(values(await read('referral_overdue_share'))).toEqual({
      Harelbeke: null,
      Kortrijk: 0.3333,
      Menen: 0.5,
      region: 0.4,
    });
    expect(values(await read('cross_municipality_share'))).toEqual({
      Harelbeke: null,
      Kortrijk: 0.3333,
      Menen: 1,
      region: 0.6,
    });
  });

  it('the partner-to-partner flow', async () => {
    const result = await read('referral_flow', { ...Q1, municipalityId: 'region' });
    const pair = (from: string, to: string) => `${from}>${to}`;
    expect(Object.fromEntries(result.cells.map((cell) => [cell.category, cell.value]))).toEqual({
      [pair(story.ocmwKortrijk, story.caw)]: 2,
      [pair(story.ocmwKortrijk, story.ocmwMenen)]: 2,
      [pair(story.ocmwMenen, story.ocmwKortrijk)]: 1,
      all: 5,
    });
    expect(result.cells.every((cell) => cell.municipalityId === null)).toBe(true);
  });

  it('unmet needs by life domain and by reason', async () => {
    const domains = await read('unmet_needs_by_domain');
    expect(values(domains, 'housing')).toEqual({ Harelbeke: 0, Kortrijk: 2, Menen: 1, region: 3 });
    expect(values(domains, 'energy')).toEqual({ Harelbeke: 0, Kortrijk: 0, Menen: 1, region: 1 });
    expect(values(domains, 'all')).toEqual({ Harelbeke: 0, Kortrijk: 2, Menen: 2, region: 4 });
    const reasons = await read('unmet_needs_by_reason');
    expect(values(reasons, 'waiting_list')).toEqual({ Harelbeke: 0, Kortrijk: 1, Menen: 2, region: 3 });
    expect(values(reasons, 'cost_threshold')).toEqual({ Harelbeke: 0, Kortrijk: 1, Menen: 0, region: 1 });
  });

  it('life-domain score change from the first assessment to the latest', async () => {
    const result = await read('life_domain_score_change');
    expect(values(result, 'finances')).toEqual({ Harelbeke: null, Kortrijk: 2.5, Menen: null, region: 2.5 });
    expect(values(result, 'housing')).toEqual({ Harelbeke: null, Kortrijk: 0, Menen: null, region: 0 });
    expect(bases(result, 'finances')).toEqual({ Harelbeke: 0, Kortrijk: 2, Menen: 0, region: 2 });
    expect(result.cells.some((cell) => cell.category === 'all')).toBe(false);
  });

  it('as of a past instant: the late move not yet known, the position of then', async () => {
    const result = await read('reach_per_1000', { ...Q1, asOf: story.endOfBatchA });
    // P3 still counts in Kortrijk, P7 not yet known.
    expect(values(result)).toEqual({ Harelbeke: null, Kortrijk: 0.75, Menen: 0.5, region: 0.67 });
    expect(result.asOf).toBe(story.endOfBatchA);
    expect(result.position).toEqual({
      commit: story.positionOfBatchA.commit.toString(),
      prepare: story.positionOfBatchA.prepare.toString(),
    });
  });

  it('suppresses a cell of too few people, and the cell that would give it away (threshold 3)', async () => {
    const result = await read('reach_per_1000', Q1, 3);
    const cells = Object.fromEntries(result.cells.map((cell) => [cell.municipalityName ?? 'region', cell]));
    // Kortrijk (2 people) is below 3; with the region's 5 published, Menen (3) would give it back, so it goes too.
    expect(cells.Kortrijk).toMatchObject({ suppressed: true, value: null, base: null });
    expect(cells.Menen).toMatchObject({ suppressed: true, value: null, base: null });
    expect(cells.Harelbeke).toMatchObject({ suppressed: false, base: 0 });
    expect(cells.region).toMatchObject({ suppressed: false, value: 0.83, base: 5 });
  });

  it('suppresses medians over too few people, with the complementary cell (threshold 2)', async () => {
    const result = await read('referral_response_days', Q1, 2);
    const median = (name: string) =>
      result.cells.find((cell) => cell.category === 'median' && cell.municipalityName === name);
    expect(median('Menen')).toMatchObject({ suppressed: true, value: null });
    expect(median('Kortrijk')).toMatchObject({ suppressed: true, value: null });
    expect(values(result, 'median')).toEqual({ Harelbeke: null, Kortrijk: null, Menen: null, region: 5 });
  });

  it('leaves no line of a breakdown with a single hidden cell', async () => {
    const result = await read('unmet_needs_by_domain', Q1, 2);
    const hidden = (cell: IndicatorCellView) => cell.suppressed;
    const areas = [story.harelbeke, story.kortrijk, story.menen, null];
    const categories = [...new Set(result.cells.map((cell) => cell.category))];
    for (const area of areas) {
      const count = result.cells.filter((cell) => cell.municipalityId === area && hidden(cell)).length;
      expect(count === 0 || count >= 2).toBe(true);
    }
    for (const category of categories) {
      const count = result.cells.filter((cell) => cell.category === category && hidden(cell)).length;
      expect(count === 0 || count >= 2).toBe(true);
    }
    // Menen's two needs (energy, housing) are one person each; only the region's total of 4 stays.
    expect(values(result, 'all')).toEqual({ Harelbeke: 0, Kortrijk: null, Menen: null, region: 4 });
    expect(values(result, 'housing')).toEqual({ Harelbeke: 0, Kortrijk: null, Menen: null, region: null });
  });

  it('rebuilds every fact over the whole history when the facts version is raised, with the same figures', async () => {
    const before = await Promise.all(INDICATORS.map((indicator) => read(indicator.code)));
    await runner.stop();
    await db.dataSource.query(`UPDATE impact.intakes SET origin = 'other'`);
    runner = new ProjectionRunner({
      eventStore: new PostgresEventStore(db.pool, { minPollIntervalMs: 5, maxPollIntervalMs: 40 }),
      dataSource: db.dataSource,
      projections: [{ ...impactFactsProjection, version: impactFactsProjection.version + 1 }],
      logger: captureLogger(),
      lagRefreshMs: 0,
    });
    runner.start();
    expect(await runner.waitFor(IMPACT_FACTS_PROJECTION, events.last!, 30_000)).toBe(true);
    const after = await Promise.all(INDICATORS.map((indicator) => read(indicator.code)));
    // The position is read from the checkpoint of the facts version in the code, which this test leaves behind.
    const withoutPosition = (results: IndicatorResultView[]) => results.map(({ position: _position, ...rest }) => rest);
    expect(withoutPosition(after)).toEqual(withoutPosition(before));
  });

  it("gives a member's analyst their municipality's cells and the region's, and refuses another member's", async () => {
    const menenAnalyst: AuthenticatedUser = {
      userId: 'analyst-of-menen',
      organisationId: story.ocmwMenen,
      roles: ['member_analyst'],
    };
    const asMenen = (query: Record<string, string>) => read('proactive_share', { ...Q1, ...query }, 1, menenAnalyst);
    expect(values(await asMenen({}))).toEqual({ Menen: 0.6667, region: 0.5 });
    expect(values(await asMenen({ municipalityId: 'region' }))).toEqual({ region: 0.5 });
    expect(values(await asMenen({ municipalityId: story.menen, organisationId: story.ocmwMenen }))).toEqual({
      Menen: 0.5,
    });
    await expect(asMenen({ municipalityId: story.kortrijk })).rejects.toBeInstanceOf(AccessDenied);
    await expect(asMenen({ organisationId: story.ocmwKortrijk })).rejects.toBeInstanceOf(AccessDenied);
    // Their own municipality's figures are the ones an analyst of the region reads.
    expect(values(await read('proactive_share'))).toMatchObject({ Menen: 0.6667, region: 0.5 });
  });

  it('answers one 400 naming every bad field', async () => {
    const refusal = async (code: string, query: Record<string, string>) => {
      try {
        await read(code, query);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInput);
        return (error as InvalidInput).fields?.map((field) => field.field).sort();
      }
      throw new Error('not refused');
    };
    expect(await refusal('no_such_indicator', { period: 'week', from: '2025-02-30', asOf: 'yesterday' })).toEqual([
      'asOf',
      'code',
      'from',
      'period',
    ]);
    expect(await refusal('reach_per_1000', { from: '2025-03-01', to: '2025-01-01' })).toEqual(['to']);
    expect(await refusal('reach_per_1000', { municipalityId: 'nowhere', organisationId: 'nobody' })).toEqual([
      'municipalityId',
      'organisationId',
    ]);
    // An unknown parameter is counted, not named: its name is the caller's text.
    expect(await refusal('reach_per_1000', { unknown: 'x' })).toEqual(['(unknown fields)']);
  });
});
