import { Column, Entity, PrimaryColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { RecordedEvent } from '../../../src/shared/event-store';
import { defineRowProjection, ProjectedRow } from '../../../src/shared/projections';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../../support/database';

/** One column of each kind the read models use, so that every value goes to the table and back unchanged. */
@Entity('test_row_kinds')
class RowKindsRow extends ProjectedRow {
  @PrimaryColumn('uuid', { name: 'row_id' }) rowId!: string;
  @Column('text') label!: string;
  @Column('date', { name: 'valid_from', nullable: true }) validFrom!: string | null;
  @Column('jsonb') payload!: unknown;
  @Column('integer') count!: number;
  @Column('boolean') active!: boolean;
  @Column('bigint', {
    transformer: { to: (value: bigint) => value.toString(), from: (value: string) => BigInt(value) },
  })
  revision!: bigint;
  @Column('text', { array: true }) tags!: string[];
}

class RowKinds1764201600002 implements MigrationInterface {
  readonly name = 'RowKinds1764201600002';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE test_row_kinds (
        row_id uuid PRIMARY KEY, label text NOT NULL, valid_from date, payload jsonb NOT NULL, count integer NOT NULL,
        active boolean NOT NULL, revision bigint NOT NULL, tags text[] NOT NULL,
        last_applied_commit numeric(20, 0) NOT NULL, last_applied_prepare numeric(20, 0) NOT NULL)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE test_row_kinds');
  }
}

const ROW = '4a9d3c2e-7b1f-4e0a-9c6d-2b8e5f3a1c7d';
const OTHER = '5b0e4d3f-8c2a-4f1b-8d7e-3c9f6a4b2d8e';

/** `Set` writes the event's row whole, `Count` adds one (from the row as stored), `Drop` deletes it. */
const rowKinds = defineRowProjection<RowKindsRow>({
  name: 'row-kinds',
  version: 1,
  entity: RowKindsRow,
  eventTypes: ['Set', 'Count', 'Drop'],
  keyOf: (event) => (event.data as { rowId: string }).rowId,
  evolve(row, event) {
    const data = event.data as Record<string, unknown>;
    switch (event.type) {
      case 'Set':
        return {
          rowId: data.rowId as string,
          label: data.label as string,
          validFrom: data.validFrom as string | null,
          payload: data.payload,
          count: 0,
          active: data.active as boolean,
          revision: event.revision,
          tags: data.tags as string[],
        };
      case 'Count':
        return row && { ...row, count: row.count + 1, revision: event.revision };
      default:
        return undefined;
    }
  },
});

let sequence = 10n;
function event(type: string, data: Record<string, unknown>, revision = 0n): RecordedEvent {
  sequence += 1n;
  return {
    streamId: `kind-${String(data.rowId)}`,
    revision,
    id: `00000000-0000-4000-8000-${sequence.toString().padStart(12, '0')}`,
    type,
    data: data as RecordedEvent['data'],
    metadata: {},
    position: { commit: sequence, prepare: sequence },
    created: new Date(0),
  };
}

describe.each(testDatabaseKinds())('row projection writes on %s', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ kind, migrations: [RowKinds1764201600002], entities: [RowKindsRow] });
  });
  afterAll(() => db?.dispose());

  const apply = (events: RecordedEvent[]) => db.dataSource.transaction((tx) => rowKinds.handle(events, tx));
  const stored = () =>
    db.dataSource.query<Record<string, unknown>[]>(
      `SELECT row_id, label, valid_from::text AS valid_from, payload, count, active, revision::text AS revision, tags,
         last_applied_prepare::text AS prepare FROM test_row_kinds ORDER BY row_id`,
    );

  it('stores every column kind as given, reads it back for the next event, deletes, resets', async () => {
    const payload = { text: 'it\'s "quoted" \\ and ünïcode', list: [1, null, { deep: true }] };
    const set = event('Set', {
      rowId: ROW,
      label: "O'Brien; DROP TABLE x --",
      validFrom: '2024-02-29',
      payload,
      active: true,
      tags: ['a', 'b,c', '{d}'],
    });
    const other = event('Set', {
      rowId: OTHER,
      label: 'other',
      validFrom: null,
      payload: 'text',
      active: false,
      tags: [],
    });
    await apply([set, other]);
    // A second batch: the row is read back (date, jsonb, bigint through its transformer, array) before `Count`.
    await apply([event('Count', { rowId: ROW }, 9_007_199_254_740_993n)]);

    expect(await stored()).toEqual([
      {
        row_id: ROW,
        label: "O'Brien; DROP TABLE x --",
        valid_from: '2024-02-29',
        payload,
        count: 1,
        active: true,
        revision: '9007199254740993',
        tags: ['a', 'b,c', '{d}'],
        prepare: sequence.toString(),
      },
      {
        row_id: OTHER,
        label: 'other',
        valid_from: null,
        payload: 'text',
        count: 0,
        active: false,
        revision: '0',
        tags: [],
        prepare: other.position.prepare.toString(),
      },
    ]);

    // Delivered again: each event is at or before its row's position, so nothing changes.
    const before = await stored();
    await apply([set, other]);
    expect(await stored()).toEqual(before);

    await apply([event('Drop', { rowId: OTHER })]);
    expect((await stored()).map((row) => row.row_id)).toEqual([ROW]);
    await db.dataSource.transaction((tx) => rowKinds.reset(tx));
    expect(await stored()).toEqual([]);
  });
});
