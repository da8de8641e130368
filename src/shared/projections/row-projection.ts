import { Column, type EntityManager, type EntityMetadata, type ValueTransformer } from 'typeorm';
import type { Position, RecordedEvent } from '../event-store';
import { comparePositions } from '../event-store';
import { ProjectionEventFailed } from './projection.errors';
import type { ProjectionHandler } from './projection';

/** numeric(20,0) ⇄ bigint: positions are unsigned 64-bit (xid8, EventStoreDB log offsets). */
const positionColumn: ValueTransformer = {
  to: (value: bigint | undefined) => (value === undefined ? undefined : value.toString()),
  from: (value: string | null) => (value === null ? undefined : BigInt(value)),
};

/**
 * Base class of a row projection's TypeORM entity. Besides the read model's own columns (one primary key column,
 * then plain typed columns that analysts can query), every row records the position of the last event applied to
 * it, so that applying an event again is a no-op. The entity's table is created by a migration, like every table.
 *
 * ```ts
 * @Entity('caseload')
 * export class CaseloadRow extends ProjectedRow {
 *   @PrimaryColumn('text', { name: 'case_id' }) caseId!: string;
 *   @Column('integer', { name: 'open_referrals' }) openReferrals!: number;
 * }
 * // migration: CREATE TABLE caseload (case_id text PRIMARY KEY, open_referrals integer NOT NULL,
 * //   last_applied_commit numeric(20,0) NOT NULL, last_applied_prepare numeric(20,0) NOT NULL)
 * ```
 */
export abstract class ProjectedRow {
  @Column({ name: 'last_applied_commit', type: 'numeric', precision: 20, scale: 0, transformer: positionColumn })
  lastAppliedCommit!: bigint;

  @Column({ name: 'last_applied_prepare', type: 'numeric', precision: 20, scale: 0, transformer: positionColumn })
  lastAppliedPrepare!: bigint;
}

/** A row as `evolve` sees it: the entity's own columns, without the bookkeeping. */
export type RowState<Row extends ProjectedRow> = Omit<Row, keyof ProjectedRow>;

export interface RowProjectionDefinition<Row extends ProjectedRow, E extends RecordedEvent = RecordedEvent> {
  readonly name: string;
  readonly version: number;
  /** The TypeORM entity (a subclass of `ProjectedRow` with exactly one primary column, a string). */
  readonly entity: new () => Row;
  /** The event types the projection reads; the subscription is filtered on them. */
  readonly eventTypes: readonly E['type'][];
  /** The key of the row an event changes (the entity's primary key), or `undefined` to ignore the event. */
  keyOf(event: E): string | undefined;
  /**
   * Pure: the row after the event, from the row before it (`undefined` when there is none). Return `undefined` to
   * delete the row. No I/O, no clock: time comes from the event (`created`, `metadata.occurredAt`).
   */
  evolve(row: Readonly<RowState<Row>> | undefined, event: E): RowState<Row> | undefined;
}

export interface RowProjection<
  Row extends ProjectedRow,
  E extends RecordedEvent = RecordedEvent,
> extends ProjectionHandler {
  readonly entity: new () => Row;
  readonly definition: RowProjectionDefinition<Row, E>;
}

/** A row with the position of the last event applied to it. */
export interface AppliedRow<Row extends ProjectedRow> {
  readonly state: RowState<Row>;
  readonly position: Position;
}

/**
 * The pure core of a row projection: folds a batch of events into the rows it touches. `current` holds the rows as
 * stored (missing key: no row). Returns the final state of every key the batch changed: a row to upsert, or
 * `null` to delete. Events at or before a row's last-applied position are skipped, which makes re-delivery a no-op.
 */
export function foldRows<Row extends ProjectedRow, E extends RecordedEvent>(
  definition: RowProjectionDefinition<Row, E>,
  current: ReadonlyMap<string, AppliedRow<Row>>,
  events: readonly E[],
): Map<string, AppliedRow<Row> | null> {
  const changed = new Map<string, AppliedRow<Row> | null>();
  const types = new Set<string>(definition.eventTypes);
  for (const event of events) {
    if (!types.has(event.type)) continue;
    let key: string | undefined;
    let next: RowState<Row> | undefined;
    try {
      key = definition.keyOf(event);
      if (key === undefined) continue;
      const before = changed.has(key) ? changed.get(key) : current.get(key);
      if (before && comparePositions(event.position, before.position) <= 0) continue;
      next = definition.evolve(before?.state, event);
    } catch (error) {
      throw new ProjectionEventFailed(definition.name, event, error);
    }
    changed.set(key, next === undefined ? null : { state: next, position: event.position });
  }
  return changed;
}

/**
 * Turns a pure row definition into a handler: one query loads the batch's rows, one delete and one upsert write them,
 * as plain parameterised SQL (TypeORM's query builder cost more than the database did: docs/performance.md).
 */
export function defineRowProjection<Row extends ProjectedRow, E extends RecordedEvent = RecordedEvent>(
  definition: RowProjectionDefinition<Row, E>,
): RowProjection<Row, E> {
  const { entity } = definition;
  const tables = new WeakMap<object, RowTable>();
  const tableOf = (tx: EntityManager): RowTable => {
    let table = tables.get(tx.connection);
    if (!table) {
      table = new RowTable(tx, entity, definition.name);
      tables.set(tx.connection, table);
    }
    return table;
  };
  return {
    name: definition.name,
    version: definition.version,
    entity,
    definition,
    // Prefixes rather than a regular expression: both stores serve them cheaply; foldRows keeps exact types only.
    filter: { on: 'eventType', prefixes: [...definition.eventTypes] },

    async handle(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
      const relevant = events as readonly E[];
      const keys = new Set<string>();
      for (const event of relevant) {
        if (!definition.eventTypes.includes(event.type)) continue;
        try {
          const key = definition.keyOf(event);
          if (key !== undefined) keys.add(key);
        } catch (error) {
          throw new ProjectionEventFailed(definition.name, event, error);
        }
      }
      if (keys.size === 0) return;

      const table = tableOf(tx);
      const current = await table.load<Row>(tx, [...keys]);
      const changed = foldRows(definition, current, relevant);
      const upserts: Record<string, unknown>[] = [];
      const deletes: string[] = [];
      for (const [key, row] of changed) {
        if (row === null) {
          if (current.has(key)) deletes.push(key);
          continue;
        }
        upserts.push({
          ...row.state,
          [table.keyProperty]: key,
          lastAppliedCommit: row.position.commit,
          lastAppliedPrepare: row.position.prepare,
        });
      }
      if (deletes.length > 0) await tx.query(table.deleteSql, [deletes]);
      if (upserts.length > 0) await table.upsert(tx, upserts);
    },

    async reset(tx: EntityManager): Promise<void> {
      // DELETE rather than TRUNCATE: readers keep seeing the old rows until the reset commits, and no ACCESS
      // EXCLUSIVE lock queues every reader behind a long analyst query.
      await tx.query(tableOf(tx).resetSql);
    },
  };
}

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * The SQL of one row projection's table, worked out once per data source from its entity's metadata; TypeORM's
 * driver still converts each value (types, transformers), as its query builder would.
 */
class RowTable {
  readonly keyProperty: string;
  readonly deleteSql: string;
  readonly resetSql: string;
  private readonly driver: EntityManager['connection']['driver'];
  private readonly name: string;
  private readonly key: ColumnMetadata;
  private readonly readable: readonly ColumnMetadata[];
  private readonly writable: readonly ColumnMetadata[];
  private readonly selectSql: string;
  /** Upsert statements by the columns a batch gives values for (nearly always all of them: one statement). */
  private readonly upsertSql = new Map<string, string>();

  constructor(tx: EntityManager, entity: new () => ProjectedRow, projectionName: string) {
    const metadata = tx.connection.getMetadata(entity);
    const [key, ...others] = metadata.primaryColumns;
    if (!key || others.length > 0) {
      throw new Error(`Row projection ${projectionName}: its entity must have exactly one primary column`);
    }
    this.driver = tx.connection.driver;
    this.key = key;
    this.keyProperty = key.propertyName;
    this.name = [metadata.schema, metadata.tableName]
      .filter((part): part is string => Boolean(part))
      .map((part) => this.driver.escape(part))
      .join('.');
    this.readable = metadata.columns.filter((column) => column.isSelect && !column.isVirtualProperty);
    this.writable = metadata.columns.filter(
      (column) => column.isInsert && !column.isVirtualProperty && column.generatedType === undefined,
    );
    const keyName = this.driver.escape(key.databaseName);
    this.selectSql = `SELECT ${this.readable.map((column) => this.driver.escape(column.databaseName)).join(', ')}
      FROM ${this.name} WHERE ${keyName} = ANY($1)`;
    this.deleteSql = `DELETE FROM ${this.name} WHERE ${keyName} = ANY($1)`;
    this.resetSql = `DELETE FROM ${this.name}`;
  }

  /** The stored rows of `keys`, hydrated as TypeORM would (column types, transformers). */
  async load<Row extends ProjectedRow>(
    tx: EntityManager,
    keys: readonly string[],
  ): Promise<Map<string, AppliedRow<Row>>> {
    const rows: Record<string, unknown>[] = await tx.query(this.selectSql, [keys]);
    const current = new Map<string, AppliedRow<Row>>();
    for (const raw of rows) {
      const row: Record<string, unknown> = {};
      for (const column of this.readable) {
        column.setEntityValue(row, this.driver.prepareHydratedValue(raw[column.databaseName], column));
      }
      const { lastAppliedCommit, lastAppliedPrepare, ...state } = row as unknown as Row;
      current.set(String(row[this.keyProperty]), {
        state,
        position: { commit: lastAppliedCommit, prepare: lastAppliedPrepare },
      });
    }
    return current;
  }

  /**
   * Writes the rows in one statement: the batch travels as one JSON parameter that `jsonb_populate_recordset` turns
   * into rows of the table's own type (no limit on parameters, no type list to keep). A column no row gives a value
   * is left out: its default on insert, unchanged on update. The row's position guards the update too, so an older
   * state never replaces a newer one.
   */
  async upsert(tx: EntityManager, rows: readonly Record<string, unknown>[]): Promise<void> {
    const given = new Set<ColumnMetadata>();
    const records = rows.map((row) => {
      const record: Record<string, unknown> = {};
      for (const column of this.writable) {
        const value = this.persistent(column.getEntityValue(row), column);
        if (value === undefined) continue;
        record[column.databaseName] = value;
        given.add(column);
      }
      return record;
    });
    const columns = this.writable.filter((column) => given.has(column));
    await tx.query(this.upsertSqlFor(columns), [JSON.stringify(records, bigintsAsText)]);
  }

  private upsertSqlFor(columns: readonly ColumnMetadata[]): string {
    const signature = columns.map((column) => column.databaseName).join(',');
    let sql = this.upsertSql.get(signature);
    if (sql === undefined) {
      const names = columns.map((column) => this.driver.escape(column.databaseName));
      const updates = columns
        .filter((column) => column !== this.key && column.isUpdate)
        .map((column) => this.driver.escape(column.databaseName))
        .map((name) => `${name} = excluded.${name}`);
      sql = `INSERT INTO ${this.name} AS target (${names.join(', ')})
        SELECT ${names.join(', ')} FROM jsonb_populate_recordset(NULL::${this.name}, $1::jsonb)
        ON CONFLICT (${this.driver.escape(this.key.databaseName)}) DO UPDATE SET ${updates.join(', ')}
        WHERE (target.last_applied_commit, target.last_applied_prepare)
          < (excluded.last_applied_commit, excluded.last_applied_prepare)`;
      this.upsertSql.set(signature, sql);
    }
    return sql;
  }

  /** A value as the table stores it: TypeORM's conversion, except JSON, which stays a value inside the batch's JSON. */
  private persistent(value: unknown, column: ColumnMetadata): unknown {
    if (column.type !== 'json' && column.type !== 'jsonb') return this.driver.preparePersistentValue(value, column);
    const { transformer } = column;
    if (!transformer) return value;
    return Array.isArray(transformer)
      ? transformer.reduce((converted, each) => each.to(converted), value)
      : transformer.to(value);
  }
}

function bigintsAsText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
