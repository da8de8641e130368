import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { AppConfig } from '../../../src/config/app-config';
import {
  ANALYST_REFERENCE_TABLES,
  ANALYST_ROLE,
  ANALYST_VIEWS,
  ImpactAnalystAccess1765065600001,
} from '../../../src/impact/analyst-access/analyst-access.migration';
import { PublishedCells } from '../../../src/impact/analyst-access/published-cells';
import {
  ImpactPublishedCells1765065600022,
  PUBLISHED_CELLS,
} from '../../../src/impact/analyst-access/published-cells.migration';
import { IndicatorStore } from '../../../src/impact/infrastructure/indicator-store';
import { ImpactFacts1765065600000 } from '../../../src/impact/facts/impact-facts.migration';
import { impactFactsProjection } from '../../../src/impact/facts/impact-facts.projection';
import { PostgresEventStore } from '../../../src/shared/event-store/postgres';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../support/database';
import { committedEvents } from '../../support/event-log';
import { appendStory, ImpactEvents } from './impact-scenario';

const MIGRATIONS = [ImpactFacts1765065600000, ImpactAnalystAccess1765065600001, ImpactPublishedCells1765065600022];
const READABLE = [PUBLISHED_CELLS, ...ANALYST_REFERENCE_TABLES];
const CLOCK = { now: () => new Date('2025-04-30T10:00:00Z') };
const FACT_TABLES = [
  'residences',
  'reporting_consents',
  'intakes',
  'assessment_scores',
  'right_milestones',
  'unmet_needs',
  'referrals',
  'referral_milestones',
];

/** The read-only role for BI tools: what it may read, what it may not, and its creation racing across databases. */
describe.each(testDatabaseKinds())('the analysts’ database role on %s', (kind) => {
  let db: TestDatabase;
  let clientIds: string[];
  let kortrijk: string;
  let ocmwKortrijk: string;

  beforeAll(async () => {
    db = await createTestDatabase({ kind, migrations: MIGRATIONS });
    const events = new ImpactEvents(new PostgresEventStore(db.pool));
    ({ kortrijk, ocmwKortrijk } = await appendStory(events, () => Promise.resolve()));
    for (const openedOn of ['2025-04-02', '2025-04-09']) {
      const person = await events.person(kortrijk, '2025-04-01', '2025-04-01');
      await events.intake(person, ocmwKortrijk, 'proactive_signal', openedOn);
    }
    clientIds = events.clientIds;
    // Apply every event in one batch, as a rebuild would.
    const all = await committedEvents(db.pool);
    await db.dataSource.transaction((tx) => impactFactsProjection.handle(all, tx));
    const config = { impact: { suppressionThreshold: 2 }, projectionsEnabled: false } as AppConfig;
    await new PublishedCells(new IndicatorStore(db.dataSource), config, CLOCK).refresh();
  });
  afterAll(() => db?.dispose());

  /** Runs `sql` as the analysts' role, inside a transaction that rolls back (PGlite has one session). */
  async function asAnalyst<T>(sql: string): Promise<T[]> {
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SET LOCAL ROLE ${ANALYST_ROLE}`);
      return (await runner.query(sql)) as T[];
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('exists, cannot log in, and may read the published cells and the reference data only', async () => {
    const [role] = await db.dataSource.query('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [ANALYST_ROLE]);
    expect(role).toEqual({ rolcanlogin: false });
    const may = async (table: string) =>
      (
        await db.dataSource.query(`SELECT has_table_privilege($1, $2, 'SELECT') AS may`, [
          ANALYST_ROLE,
          `impact.${table}`,
        ])
      )[0].may as boolean;
    for (const readable of READABLE) expect([readable, await may(readable)]).toEqual([readable, true]);
    for (const fact of [...FACT_TABLES, 'publication_settings']) expect([fact, await may(fact)]).toEqual([fact, false]);
    await expect(asAnalyst('SELECT count(*) FROM impact.intakes')).rejects.toThrow(/permission denied/);
    // The views over the facts are gone: a plan over them showed the rows they suppressed.
    const [views] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_views WHERE schemaname = 'impact' AND viewname = ANY($1)`,
      [[...ANALYST_VIEWS]],
    );
    expect(views).toEqual({ n: 0 });
  });

  it('reads published figures only: a hidden cell shows neither value nor base, and no person key', async () => {
    const rows = await asAnalyst<{ month: string; value: number | null; base: number | null; suppressed: boolean }>(
      `SELECT to_char(month, 'YYYY-MM') AS month, value, base, suppressed FROM impact.${PUBLISHED_CELLS}
        WHERE indicator = 'reach_per_1000' AND municipality_id = '${kortrijk}'`,
    );
    // Threshold 2: Kortrijk's April has the two people added above; January its two of the story.
    expect(rows.find((row) => row.month === '2025-04')).toMatchObject({ base: 2, suppressed: false });
    const all = await asAnalyst<Record<string, unknown>>(`SELECT * FROM impact.${PUBLISHED_CELLS}`);
    expect(all.some((row) => row.suppressed === true)).toBe(true);
    expect(all.filter((row) => row.suppressed === true && (row.value !== null || row.base !== null))).toEqual([]);
    expect(JSON.stringify(all)).not.toMatch(new RegExp(clientIds.join('|')));
  });

  it('is refreshed when the facts or the date moved on, and only then', async () => {
    let now = new Date('2025-04-30T10:00:00Z');
    const config = { impact: { suppressionThreshold: 2 }, projectionsEnabled: false } as AppConfig;
    const cells = new PublishedCells(new IndicatorStore(db.dataSource), config, { now: () => now });
    expect(await cells.refreshIfMoved()).toBe(true);
    expect(await cells.refreshIfMoved()).toBe(false);
    now = new Date('2025-05-01T10:00:00Z');
    expect(await cells.refreshIfMoved()).toBe(true);
    const [latest] = await db.dataSource.query(
      `SELECT to_char(max(month), 'YYYY-MM') AS month, to_char(max(reference_date), 'YYYY-MM-DD') AS reference
         FROM impact.${PUBLISHED_CELLS}`,
    );
    expect(latest).toEqual({ month: '2025-05', reference: '2025-05-01' });
  });

  it('gives the views back when the published table is reverted', async () => {
    const reverted = await createTestDatabase({ kind, migrations: MIGRATIONS, poolSize: 1 });
    try {
      // Its own down(), not undoLastMigration(): a later shared migration may be the last one run.
      const runner = reverted.dataSource.createQueryRunner();
      try {
        await new ImpactPublishedCells1765065600022().down(runner);
      } finally {
        await runner.release();
      }
      const [views] = await reverted.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_views WHERE schemaname = 'impact' AND viewname = ANY($1)`,
        [[...ANALYST_VIEWS]],
      );
      expect(views).toEqual({ n: ANALYST_VIEWS.length });
      const [grant] = await reverted.dataSource.query(
        `SELECT has_table_privilege($1, 'impact.intakes_by_month', 'SELECT') AS may,
                has_database_privilege('public', current_database(), 'TEMPORARY') AS temporary`,
        [ANALYST_ROLE],
      );
      expect(grant).toEqual({ may: true, temporary: true });
    } finally {
      await reverted.dispose();
    }
  });

  if (kind === 'postgres') {
    it('is created once when several databases migrate at the same moment', async () => {
      const databases = await Promise.all(
        Array.from({ length: 4 }, () => createTestDatabase({ kind, migrations: MIGRATIONS, poolSize: 1 })),
      );
      try {
        for (const each of databases) {
          const [grant] = await each.dataSource.query(
            `SELECT has_table_privilege($1, 'impact.${PUBLISHED_CELLS}', 'SELECT') AS may`,
            [ANALYST_ROLE],
          );
          expect(grant).toEqual({ may: true });
        }
      } finally {
        await Promise.all(databases.map((each) => each.dispose()));
      }
    });

    it('as a login of the role: reads the published tables and nothing else, not even row counts', async () => {
      const login = `onthaal_analyst_probe_${randomBytes(4).toString('hex')}`;
      await db.dataSource.query(`CREATE ROLE ${login} LOGIN IN ROLE ${ANALYST_ROLE}`);
      const url = new URL(db.url);
      url.username = login;
      url.password = '';
      const client = new Client({ connectionString: url.toString() });
      try {
        await client.connect();
        const denied = async (sql: string) => {
          const error = await client.query(sql).then(
            () => undefined,
            (failure: Error) => failure,
          );
          return [sql, error?.message.match(/permission denied/) ? 'denied' : 'allowed'];
        };
        for (const table of READABLE) {
          const plan = await client.query(`EXPLAIN ANALYZE SELECT * FROM impact.${table}`);
          // The plan reads the published table itself: no fact table behind it.
          const text = plan.rows.map((row: Record<string, string>) => Object.values(row)[0]).join('\n');
          expect(text).toMatch(new RegExp(`Seq Scan on ${table}`));
          expect(text).not.toMatch(/intakes|referrals|consents|residences/);
        }
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM impact.${PUBLISHED_CELLS}
                                               WHERE suppressed AND (value IS NOT NULL OR base IS NOT NULL)`);
        expect(rows).toEqual([{ n: 0 }]);

        const others: { name: string }[] = await db.dataSource.query(
          `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
            WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
              AND NOT (schemaname = 'impact' AND tablename = ANY($1))`,
          [READABLE],
        );
        expect(others.length).toBeGreaterThan(FACT_TABLES.length);
        const attempts = [
          ...others.flatMap(({ name }) => [`SELECT 1 FROM ${name} LIMIT 1`, `EXPLAIN ANALYZE SELECT * FROM ${name}`]),
          'SELECT relname, n_live_tup FROM pg_stat_user_tables',
          'SELECT relname, n_tup_ins FROM pg_stat_all_tables',
          `SELECT pg_relation_size('impact.intakes')`,
          'CREATE TEMPORARY TABLE extract (n int)',
        ];
        const results = [];
        for (const sql of attempts) results.push(await denied(sql));
        expect(results).toEqual(attempts.map((sql) => [sql, 'denied']));
      } finally {
        await client.end().catch(() => undefined);
        await db.dataSource.query(`DROP ROLE ${login}`);
      }
    });
  } else {
    it.skip('as a login of the role (PostgreSQL only: nobody logs in to the embedded PGlite)', () => undefined);
  }
});
