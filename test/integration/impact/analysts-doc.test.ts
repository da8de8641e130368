import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImpactAnalystAccess1765065600001 } from '../../../src/impact/analyst-access/analyst-access.migration';
import { ImpactPublishedCells1765065600022 } from '../../../src/impact/analyst-access/published-cells.migration';
import { INDICATORS } from '../../../src/impact/domain/indicators';
import { ImpactFacts1765065600000 } from '../../../src/impact/facts/impact-facts.migration';
import { createTestDatabase, type TestDatabase } from '../../support/database';

const GUIDE = readFileSync(join(__dirname, '../../../docs/analysts.md'), 'utf8');

/** `### \`impact.x\`` sections and the first cell and type of each row of their column table. */
function documentedTables(): Map<string, Map<string, string>> {
  const tables = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of GUIDE.split('\n')) {
    const heading = /^#{2,4} /.test(line) ? /^### `impact\.(\w+)`\s*$/.exec(line) : undefined;
    if (heading !== undefined) {
      current = heading ? new Map() : undefined;
      if (heading) tables.set(heading[1]!, current!);
      continue;
    }
    const row = /^\|\s*`(\w+)`\s*\|\s*([\w ]+?)\s*\|/.exec(line);
    if (current && row) current.set(row[1]!, row[2]!);
  }
  return tables;
}

const TYPE_NAMES: Record<string, string> = { 'timestamp with time zone': 'timestamptz' };

/** docs/analysts.md describes the schema as the migrations build it: every table, view and column, and each type. */
describe('docs/analysts.md', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({
      kind: 'pglite',
      migrations: [ImpactFacts1765065600000, ImpactAnalystAccess1765065600001, ImpactPublishedCells1765065600022],
    });
  });
  afterAll(() => db?.dispose());

  it('documents every table and view of the impact schema, and nothing else', async () => {
    const rows: { table_name: string }[] = await db.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'impact' ORDER BY table_name`,
    );
    expect([...documentedTables().keys()].sort()).toEqual(rows.map((row) => row.table_name));
  });

  it('documents every column with its type', async () => {
    const rows: { table_name: string; column_name: string; data_type: string }[] = await db.dataSource.query(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'impact'`,
    );
    const actual = new Map<string, Map<string, string>>();
    for (const row of rows) {
      const columns = actual.get(row.table_name) ?? new Map<string, string>();
      columns.set(row.column_name, TYPE_NAMES[row.data_type] ?? row.data_type);
      actual.set(row.table_name, columns);
    }
    const sorted = (tables: Map<string, Map<string, string>>) =>
      Object.fromEntries(
        [...tables].map(([table, columns]) => [
          table,
          Object.fromEntries([...columns].sort(([a], [b]) => (a < b ? -1 : 1))),
        ]),
      );
    expect(sorted(documentedTables())).toEqual(sorted(actual));
  });

  it('defines every indicator at its current version', () => {
    for (const indicator of INDICATORS) {
      expect(GUIDE).toContain(`### \`${indicator.code}\` (version ${indicator.version})`);
    }
  });
});
