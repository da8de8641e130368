import { Column, In, type EntityManager, type ValueTransformer } from 'typeorm';
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

/** Turns a pure row definition into a handler: one query loads the batch's rows, one upsert and one delete write. */
export function defineRowProjection<Row extends ProjectedRow, E extends RecordedEvent = RecordedEvent>(
  definition: RowProjectionDefinition<Row, E>,
): RowProjection<Row, E> {
  const { entity } = definition;
  return {
    name: definition.name,
    version: definition.version,
    entity,
    definition,
    // Prefixes rather than a regular expression: both stores serve them cheaply; foldRows keeps exact types only.
    filter: { on: 'eventType', prefixes: [...definition.eventTypes] },

    async handle(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
      const relevant = events as readonly E[];
      const keyProperty = primaryKeyOf(tx, entity, definition.name);
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

      const stored = await tx.getRepository(entity).findBy({ [keyProperty]: In([...keys]) } as never);
      const current = new Map<string, AppliedRow<Row>>();
      for (const row of stored) {
        const { lastAppliedCommit, lastAppliedPrepare, ...state } = row;
        const key = String((row as Record<string, unknown>)[keyProperty]);
        current.set(key, { state, position: { commit: lastAppliedCommit, prepare: lastAppliedPrepare } });
      }

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
          [keyProperty]: key,
          lastAppliedCommit: row.position.commit,
          lastAppliedPrepare: row.position.prepare,
        });
      }
      if (deletes.length > 0) await tx.delete(entity, { [keyProperty]: In(deletes) });
      if (upserts.length > 0) {
        await tx.upsert(entity, upserts as never[], {
          conflictPaths: [keyProperty],
          skipUpdateIfNoValuesChanged: false,
        });
      }
    },

    async reset(tx: EntityManager): Promise<void> {
      // DELETE rather than TRUNCATE: readers keep seeing the old rows until the reset commits, and no ACCESS
      // EXCLUSIVE lock queues every reader behind a long analyst query.
      await tx.createQueryBuilder().delete().from(entity).execute();
    },
  };
}

function primaryKeyOf(tx: EntityManager, entity: new () => ProjectedRow, projectionName: string): string {
  const primary = tx.connection.getMetadata(entity).primaryColumns;
  const [column] = primary;
  if (primary.length !== 1 || !column) {
    throw new Error(`Row projection ${projectionName}: its entity must have exactly one primary column`);
  }
  return column.propertyName;
}
