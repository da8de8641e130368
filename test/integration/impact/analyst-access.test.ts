import {
  ANALYST_REFERENCE_TABLES,
  ANALYST_ROLE,
  ANALYST_VIEWS,
  ImpactAnalystAccess1765065600001,
} from '../../../src/impact/analyst-access/analyst-access.migration';
import { ImpactFacts1765065600000 } from '../../../src/impact/facts/impact-facts.migration';
import { impactFactsProjection } from '../../../src/impact/facts/impact-facts.projection';
import { PostgresEventStore } from '../../../src/shared/event-store/postgres';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../support/database';
import { committedEvents } from '../../support/event-log';
import { appendStory, ImpactEvents } from './impact-scenario';

const MIGRATIONS = [ImpactFacts1765065600000, ImpactAnalystAccess1765065600001];
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

  it('exists, cannot log in, and may read the views and the reference data only', async () => {
    const [role] = await db.dataSource.query('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [ANALYST_ROLE]);
    expect(role).toEqual({ rolcanlogin: false });
    const may = async (table: string) =>
      (
        await db.dataSource.query(`SELECT has_table_privilege($1, $2, 'SELECT') AS may`, [
          ANALYST_ROLE,
          `impact.${table}`,
        ])
      )[0].may as boolean;
    for (const readable of [...ANALYST_VIEWS, ...ANALYST_REFERENCE_TABLES])
      expect([readable, await may(readable)]).toEqual([readable, true]);
    for (const fact of FACT_TABLES) expect([fact, await may(fact)]).toEqual([fact, false]);
    await expect(asAnalyst('SELECT count(*) FROM impact.intakes')).rejects.toThrow(/permission denied/);
  });

  it('reads aggregates suppressed below the published threshold, and no person key', async () => {
    const all = await asAnalyst<Record<string, unknown>>('SELECT * FROM impact.intakes_by_month');
    // Every group of the story has one person: with the default threshold of 10 all figures are hidden.
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((row) => row.suppressed === true && row.intakes === null && row.people === null)).toBe(true);
    for (const view of ANALYST_VIEWS) {
      const rows = await asAnalyst<Record<string, unknown>>(`SELECT * FROM impact.${view}`);
      expect(JSON.stringify(rows)).not.toMatch(new RegExp(clientIds.join('|')));
    }

    await db.dataSource.query('UPDATE impact.publication_settings SET suppression_threshold = 2');
    try {
      const rows = await asAnalyst<{ month: string; origin: string; intakes: number; people: number }>(
        `SELECT to_char(month, 'YYYY-MM') AS month, origin, intakes::int, people::int FROM impact.intakes_by_month
          WHERE municipality_id = '${kortrijk}' AND NOT suppressed`,
      );
      // April 2025: the two people added below, both proactive; every other group still has one person.
      expect(rows).toEqual([{ month: '2025-04', origin: 'proactive_signal', intakes: 2, people: 2 }]);
    } finally {
      await db.dataSource.query('UPDATE impact.publication_settings SET suppression_threshold = 10');
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
            `SELECT has_table_privilege($1, 'impact.intakes_by_month', 'SELECT') AS may`,
            [ANALYST_ROLE],
          );
          expect(grant).toEqual({ may: true });
        }
      } finally {
        await Promise.all(databases.map((each) => each.dispose()));
      }
    });
  }
});
