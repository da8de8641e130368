import type { AppConfig } from '../../../src/config/app-config';
import {
  ANALYST_ROLE,
  ImpactAnalystAccess1765065600001,
} from '../../../src/impact/analyst-access/analyst-access.migration';
import { PublishedCells } from '../../../src/impact/analyst-access/published-cells';
import { ImpactPublishedCells1765065600022 } from '../../../src/impact/analyst-access/published-cells.migration';
import type { AggregateRow } from '../../../src/impact/domain/indicator-table';
import { INDICATORS, type IndicatorDefinition } from '../../../src/impact/domain/indicators';
import { wholePeriods, type Period } from '../../../src/impact/domain/periods';
import { ImpactFacts1765065600000 } from '../../../src/impact/facts/impact-facts.migration';
import { impactFactsProjection } from '../../../src/impact/facts/impact-facts.projection';
import { IndicatorStore } from '../../../src/impact/infrastructure/indicator-store';
import type { IndicatorResultView } from '../../../src/impact/read-indicators/indicator.view';
import { ReadIndicator } from '../../../src/impact/read-indicators/read-indicators.query';
import { ReadIndicatorHandler } from '../../../src/impact/read-indicators/read-indicator.handler';
import type { Clock } from '../../../src/shared/domain/clock';
import { PostgresEventStore } from '../../../src/shared/event-store/postgres';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../support/database';
import { committedEvents } from '../../support/event-log';
import { cellKeyOf, quantitiesOf, recovered } from './disclosure-attacks';
import { ImpactEvents } from './impact-scenario';

const THRESHOLD = 5;
/** The reference date: the end of the seeded half year. */
const CLOCK: Clock = { now: () => new Date('2025-06-30T10:00:00Z') };
const GRIDS: { period: Period; from: string; to: string }[] = [
  { period: 'month', from: '2025-01-01', to: '2025-06-30' },
  { period: 'quarter', from: '2025-01-01', to: '2025-06-30' },
  { period: 'year', from: '2025-01-01', to: '2025-12-31' },
];

/** A small deterministic generator (mulberry32): the same data set on every run and database. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seven municipalities of very different sizes, four organisations, about 120 people with intakes, rights,
 * assessments, unmet needs and referrals in the first half of 2025: with a threshold of 5, most cells by month are
 * small, and many by quarter.
 */
async function seed(events: ImpactEvents): Promise<{ organisations: string[] }> {
  const next = random(22);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const day = (month: number) => `2025-0${month}-${String(1 + Math.floor(next() * 27)).padStart(2, '0')}`;
  const weights = [40, 25, 15, 10, 6, 3, 1];
  const municipalities: string[] = [];
  for (const [index] of weights.entries()) {
    municipalities.push(await events.municipality(`Gemeente ${index}`, { year: 2025, population: 1000 * (index + 1) }));
  }
  const organisations = [
    await events.organisation('OCMW 0', 'ocmw', municipalities[0]!),
    await events.organisation('OCMW 1', 'ocmw', municipalities[1]!),
    await events.organisation('CAW', 'caw', null),
    await events.organisation('DMW 3', 'dmw', municipalities[3]!),
  ];
  const homeOf = () => {
    let roll = next() * 100;
    for (const [index, weight] of weights.entries()) {
      if (roll < weight) return municipalities[index]!;
      roll -= weight;
    }
    return municipalities[0]!;
  };
  for (let n = 0; n < 120; n++) {
    const home = homeOf();
    const person = await events.person(home, '2024-06-01', next() < 0.9 ? '2024-06-01' : null);
    if (next() < 0.25) await events.intake(person, pick(organisations), 'came_in_themselves', '2024-09-10');
    for (let intakes = next() < 0.2 ? 2 : 1; intakes > 0; intakes--) {
      const month = 1 + Math.floor(next() * 6);
      const opened = day(month);
      const organisation = pick(organisations);
      const trajectory = await events.intake(
        person,
        organisation,
        pick(['came_in_themselves', 'proactive_signal', 'referred_by_partner']),
        opened,
      );
      for (let rights = Math.floor(next() * 3); rights > 0; rights--) {
        await events.right(
          trajectory,
          `right-${rights}`,
          opened,
          next() < 0.6 ? day(Math.min(6, month + 1)) : undefined,
        );
      }
      if (next() < 0.4) {
        await events.assessment(trajectory, opened, { finances: 1 + Math.floor(next() * 3), housing: 2 });
        await events.assessment(trajectory, day(Math.min(6, month + 1)), { finances: 3, housing: pick([1, 2, 4]) });
      }
      if (next() < 0.4) {
        await events.unmetNeed(
          trajectory,
          day(month),
          pick(['housing', 'energy', 'finances']),
          pick(['waiting_list', 'cost_threshold', 'no_suitable_offer']),
        );
      }
      if (next() < 0.5) {
        const to = pick(organisations.filter((each) => each !== organisation));
        const referral = await events.referral({
          trajectoryId: trajectory,
          person,
          from: organisation,
          to,
          fromMunicipalityId: null,
          toMunicipalityId: null,
          sentOn: opened,
          dueOn: '2025-04-01',
        });
        const outcome = next();
        if (outcome < 0.5) {
          await events.referralEvent(referral, 'ReferralAccepted', day(Math.min(6, month + 1)));
          if (next() < 0.6) await events.referralEvent(referral, 'ReferralServiceStarted', day(6));
        } else if (outcome < 0.8) {
          await events.referralEvent(referral, 'ReferralDeclined', day(Math.min(6, month + 1)), {
            reason: pick(['no_capacity', 'not_eligible', 'waiting_list']),
            explanation: null,
          });
        }
      }
    }
  }
  return { organisations };
}

const aggregateKey = (row: Pick<AggregateRow, 'periodStart' | 'municipalityId' | 'category'>) =>
  `${row.periodStart}|${row.municipalityId ?? 'region'}|${row.category ?? ''}`;

/**
 * The disclosure test (docs/analysts.md, "Attacks tested"): for every indicator and period grid on a data set full of
 * small cells, an attacker with every published cell tries each known attack, and the test fails when one gives a
 * hidden figure back exactly, or when a published figure singles out fewer people than the threshold.
 */
describe.each(testDatabaseKinds())('disclosure control on %s', (kind) => {
  let db: TestDatabase;
  let store: IndicatorStore;
  let organisations: string[];
  let smallGroups = 0;
  let hiddenCells = 0;
  let indicatorsAttacked = 0;

  const config = { impact: { suppressionThreshold: THRESHOLD }, projectionsEnabled: false } as AppConfig;
  const read = (code: string, query: Record<string, string>, threshold = THRESHOLD) =>
    new ReadIndicatorHandler(store, { impact: { suppressionThreshold: threshold } } as AppConfig, CLOCK).execute(
      new ReadIndicator({ userId: 'analyst-of-w13', organisationId: 'w13', roles: ['analyst'] }, code, query),
    );

  beforeAll(async () => {
    db = await createTestDatabase({
      kind,
      migrations: [ImpactFacts1765065600000, ImpactAnalystAccess1765065600001, ImpactPublishedCells1765065600022],
    });
    const events = new ImpactEvents(new PostgresEventStore(db.pool));
    ({ organisations } = await seed(events));
    const all = await committedEvents(db.pool);
    await db.dataSource.transaction((tx) => impactFactsProjection.handle(all, tx));
    store = new IndicatorStore(db.dataSource);
  }, 120_000);
  afterAll(async () => {
    // The data set does what it is for: many groups below the threshold, many cells hidden (when all ran).
    if (indicatorsAttacked === INDICATORS.length) {
      expect(smallGroups).toBeGreaterThan(100);
      expect(hiddenCells).toBeGreaterThan(100);
    }
    await db?.dispose();
  });

  /** Every published cell of `result` equals the truth; every hidden one shows nothing. */
  function expectPublishedTrue(result: IndicatorResultView, truth: IndicatorResultView): void {
    const truthOf = new Map(truth.cells.map((cell) => [cellKeyOf(cell), cell]));
    const wrong = result.cells.filter((cell) => {
      const actual = truthOf.get(cellKeyOf(cell))!;
      return cell.suppressed
        ? cell.value !== null || cell.base !== null
        : cell.value !== actual.value || cell.base !== actual.base;
    });
    expect(wrong).toEqual([]);
  }

  /** Share × base and base − share × base: no published cell's groups of people are below the threshold. */
  async function expectNoSmallGroupPublished(
    definition: IndicatorDefinition,
    result: IndicatorResultView,
    query: { period: Period; from: string; to: string; organisationId?: string },
  ): Promise<void> {
    const data = await store.read(definition, {
      range: wholePeriods(query.period, query.from, query.to),
      asOf: null,
      organisationId: query.organisationId ?? null,
      referenceDate: '2025-06-30',
    });
    const rows = new Map(data.rows.map((row) => [aggregateKey(row), row]));
    const small = (people: number) => people > 0 && people < THRESHOLD;
    const singlingOut = result.cells.filter((cell) => {
      const from =
        cell.category === 'all' || cell.category === 'median' || cell.category === 'p90' ? null : cell.category;
      const row = rows.get(aggregateKey({ ...cell, category: from }));
      if (!row) return false;
      const groups = definition.aggregate === 'share' ? [row.people, row.hitPeople, row.missPeople] : [row.people];
      if (groups.some(small)) smallGroups++;
      return !cell.suppressed && groups.some(small);
    });
    expect(singlingOut).toEqual([]);
  }

  /** Totals minus cells, region minus municipalities, complements, chained: nothing hidden comes back. */
  function expectNothingRecovered(definition: IndicatorDefinition, result: IndicatorResultView): void {
    for (const quantity of quantitiesOf(definition)) {
      const found = recovered(definition, result.cells, quantity);
      expect([definition.code, quantity, [...found.keys()]]).toEqual([definition.code, quantity, []]);
    }
  }

  it('has an attacker that does find what a weaker rule leaves exposed', () => {
    // Region 30 = a (hidden) + b 12 + c 14: one hidden cell in a line; and a share × base numerator.
    const cell = (municipalityId: string | null, base: number | null, suppressed = base === null) => ({
      period: '2025-Q1',
      periodStart: '2025-01-01',
      municipalityId,
      municipalityName: null,
      category: null,
      categoryName: null,
      value: base === null ? null : 0.5,
      base,
      suppressed,
    });
    const reach = INDICATORS.find((indicator) => indicator.code === 'proactive_share')!;
    const cells = [cell('a', null), cell('b', 12), cell('c', 14), cell(null, 30)];
    expect([...recovered(reach, cells, 'base')]).toEqual([['2025-Q1|a|', 4]]);
    expect([...recovered(reach, cells, 'numerator')]).toEqual([['2025-Q1|a|', 2]]);
    expect([...recovered(reach, [...cells.slice(0, 1), cell('b', null), ...cells.slice(2)], 'base')]).toEqual([]);
  });

  it.each(INDICATORS.map((indicator) => [indicator.code, indicator] as const))(
    '%s: no attack on one answer recovers a hidden cell, for every period grid',
    async (_code, definition) => {
      for (const grid of GRIDS) {
        const query = { period: grid.period, from: grid.from, to: grid.to };
        const result = await read(definition.code, query);
        const truth = await read(definition.code, query, 1);
        hiddenCells += result.cells.filter((cell) => cell.suppressed).length;
        expectPublishedTrue(result, truth);
        await expectNoSmallGroupPublished(definition, result, grid);
        expectNothingRecovered(definition, result);
      }
      indicatorsAttacked++;
    },
  );

  it.each(INDICATORS.map((indicator) => [indicator.code, indicator] as const))(
    '%s: one organisation’s answer hides what the full one hides, and gives nothing back',
    async (_code, definition) => {
      const grid = GRIDS[1]!;
      const query = { period: grid.period, from: grid.from, to: grid.to };
      const full = new Map((await read(definition.code, query)).cells.map((cell) => [cellKeyOf(cell), cell]));
      for (const organisationId of organisations) {
        const filtered = await read(definition.code, { ...query, organisationId });
        // Shown beside the full table, a filtered cell must not give a hidden full cell back, nor name a rest
        // (full − filtered) of too few people: an empty filtered cell says only that the organisation had none.
        const revealing = filtered.cells.filter(
          (cell) => !cell.suppressed && cell.base !== 0 && full.get(cellKeyOf(cell))?.suppressed !== false,
        );
        expect(revealing).toEqual([]);
        await expectNoSmallGroupPublished(definition, filtered, { ...grid, organisationId });
        expectNothingRecovered(definition, filtered);
      }
    },
  );

  /** Indicators over the same observations, one cell per period and municipality: they publish the same bases. */
  const FAMILIES = [
    ['reach_per_1000', 'first_time_share'],
    ['proactive_share', 'rights_explored_per_intake', 'rights_granted_per_intake'],
    ['referral_acceptance_rate', 'referral_response_days'],
    ['referral_overdue_share', 'cross_municipality_share'],
  ];

  it.each(FAMILIES.map((family) => [family.join(' + '), family] as const))(
    '%s: the bases one publishes fill no gap of another',
    async (_name, family) => {
      for (const grid of GRIDS) {
        const query = { period: grid.period, from: grid.from, to: grid.to };
        const tables = await Promise.all(family.map((code) => read(code, query)));
        // One cell per period and municipality: a statistic's `median` (its `p90` has the same base).
        const cellsOf = (result: IndicatorResultView) =>
          result.cells.filter((cell) => cell.category === null || cell.category === 'median');
        const combined = cellsOf(tables[0]!).map((cell) => {
          const same = tables.map((table) =>
            cellsOf(table).find(
              (other) => other.period === cell.period && other.municipalityId === cell.municipalityId,
            )!,
          );
          const shown = same.find((each) => !each.suppressed);
          return { ...cell, category: null, suppressed: !shown, base: shown?.base ?? null, value: shown ? 0 : null };
        });
        const [first] = family;
        const definition = INDICATORS.find((indicator) => indicator.code === first)!;
        expect([family, grid.period, [...recovered(definition, combined, 'base').keys()]]).toEqual([
          family,
          grid.period,
          [],
        ]);
      }
    },
  );

  it('publishes to the BI role exactly the cells the API publishes by month, and nothing hidden', async () => {
    const written = await new PublishedCells(store, config, CLOCK).refresh();
    expect(written).toBeGreaterThan(0);
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    let rows: Record<string, unknown>[];
    try {
      await runner.query(`SET LOCAL ROLE ${ANALYST_ROLE}`);
      rows = await runner.query(
        `SELECT indicator, to_char(month, 'YYYY-MM') AS period, municipality_id AS "municipalityId", category,
                value, base, suppressed
           FROM impact.published_cells WHERE month BETWEEN '2025-01-01' AND '2025-06-30'`,
      );
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(rows.some((row) => row.suppressed === true)).toBe(true);
    expect(rows.filter((row) => row.suppressed === true && (row.value !== null || row.base !== null))).toEqual([]);
    for (const definition of INDICATORS) {
      const api = await read(definition.code, GRIDS[0]!);
      const bi = rows
        .filter((row) => row.indicator === definition.code)
        .map((row) => ({
          key: cellKeyOf(row as { period: string; municipalityId: string | null; category: string | null }),
          value: row.value === null ? null : Number(row.value),
          base: row.base === null ? null : Number(row.base),
          suppressed: row.suppressed,
        }))
        .sort((a, b) => a.key.localeCompare(b.key));
      const expected = api.cells
        .map((cell) => ({ key: cellKeyOf(cell), value: cell.value, base: cell.base, suppressed: cell.suppressed }))
        .sort((a, b) => a.key.localeCompare(b.key));
      expect([definition.code, bi]).toEqual([definition.code, expected]);
    }
  });
});
