import type { DataSource, EntityManager } from 'typeorm';
import { checkpointFromColumns } from './positions';
import { START_POSITION, type CheckpointPosition, type ProjectionHandler } from './projection';

/**
 * The `projection_checkpoints` table (migration `ProjectionCheckpoints1764201600000`): one row per projection and
 * version. `generation` counts resets, so that a compare-and-set can never succeed against a reset row that happens
 * to hold the same position again (an ABA on `start`).
 */
export interface StoredCheckpoint {
  readonly name: string;
  readonly version: number;
  readonly generation: number;
  readonly position: CheckpointPosition;
  /** Whether the owning instance's subscription was live at its last commit. */
  readonly caughtUp: boolean;
  readonly eventsApplied: number;
  readonly lastEventCreated: Date | undefined;
  readonly updatedAt: Date;
}

interface CheckpointRow {
  name: string;
  version: number;
  generation: number;
  commit_position: string | null;
  prepare_position: string | null;
  caught_up: boolean;
  events_applied: string | number;
  last_event_created: Date | string | null;
  updated_at: Date | string;
}

const COLUMNS = `name, version, generation, commit_position, prepare_position, caught_up, events_applied,
  last_event_created, updated_at`;

function fromRow(row: CheckpointRow): StoredCheckpoint {
  return {
    name: row.name,
    version: Number(row.version),
    generation: Number(row.generation),
    position: checkpointFromColumns(row.commit_position, row.prepare_position),
    caughtUp: row.caught_up,
    eventsApplied: Number(row.events_applied),
    lastEventCreated: row.last_event_created === null ? undefined : new Date(row.last_event_created),
    updatedAt: new Date(row.updated_at),
  };
}

function positionParams(position: CheckpointPosition): [string | null, string | null] {
  return position === START_POSITION ? [null, null] : [position.commit.toString(), position.prepare.toString()];
}

/** Anything that runs SQL: `dataSource.manager` outside a transaction, the transaction's manager inside. */
type Sql = Pick<EntityManager, 'query'>;

export async function readCheckpoint(sql: Sql, name: string, version: number): Promise<StoredCheckpoint | undefined> {
  const rows: CheckpointRow[] = await sql.query(
    `SELECT ${COLUMNS} FROM projection_checkpoints WHERE name = $1 AND version = $2`,
    [name, version],
  );
  return rows[0] && fromRow(rows[0]);
}

/** The highest version that has a checkpoint under this name, if any. */
export async function newestVersion(sql: Sql, name: string): Promise<number | undefined> {
  const rows: { version: number | null }[] = await sql.query(
    'SELECT max(version) AS version FROM projection_checkpoints WHERE name = $1',
    [name],
  );
  const version = rows[0]?.version;
  return version === null || version === undefined ? undefined : Number(version);
}

export type ClaimedCheckpoint =
  | { readonly kind: 'ready'; readonly checkpoint: StoredCheckpoint; readonly created: boolean }
  /** A newer version of the projection owns the read model: this (older) code must not touch it. */
  | { readonly kind: 'superseded'; readonly newerVersion: number };

/**
 * Returns the projection's checkpoint for its version, creating it at `start` when missing. Creating it clears the
 * read model and drops older versions' checkpoints in the same transaction: a new version rebuilds from the start,
 * and rows written by the old version never mix with the new one's.
 */
export async function claimCheckpoint(
  dataSource: DataSource,
  projection: ProjectionHandler,
): Promise<ClaimedCheckpoint> {
  return dataSource.transaction(async (tx) => {
    const newest = await newestVersion(tx, projection.name);
    if (newest !== undefined && newest > projection.version) return { kind: 'superseded', newerVersion: newest };
    const inserted: CheckpointRow[] = await tx.query(
      `INSERT INTO projection_checkpoints (name, version) VALUES ($1, $2)
       ON CONFLICT (name, version) DO NOTHING RETURNING ${COLUMNS}`,
      [projection.name, projection.version],
    );
    if (inserted[0]) {
      // Only the transaction that created the row resets: a concurrent claimer finds the row and leaves it alone.
      await tx.query('DELETE FROM projection_checkpoints WHERE name = $1 AND version < $2', [
        projection.name,
        projection.version,
      ]);
      await projection.reset(tx);
      return { kind: 'ready', checkpoint: fromRow(inserted[0]), created: true };
    }
    const existing = await readCheckpoint(tx, projection.name, projection.version);
    if (!existing) throw new Error(`Checkpoint of projection ${projection.name} vanished while claiming it`);
    return { kind: 'ready', checkpoint: existing, created: false };
  });
}

export interface CheckpointAdvance {
  readonly position: CheckpointPosition;
  readonly caughtUp: boolean;
  readonly applied: number;
  readonly lastEventCreated?: Date;
}

/**
 * Moves the checkpoint from `expected` to `next` inside the batch's transaction. Returns the new checkpoint, or
 * `undefined` when the row no longer holds `expected` (another instance or a rebuild moved it): the caller must
 * roll back. The UPDATE's row lock also serialises the batch with a concurrent reset.
 */
export async function compareAndSetCheckpoint(
  tx: EntityManager,
  expected: StoredCheckpoint,
  next: CheckpointAdvance,
): Promise<StoredCheckpoint | undefined> {
  const [expectedCommit, expectedPrepare] = positionParams(expected.position);
  const [commit, prepare] = positionParams(next.position);
  const rows: CheckpointRow[] = await tx.query(
    `UPDATE projection_checkpoints
        SET commit_position = $6, prepare_position = $7, caught_up = $8,
            events_applied = events_applied + $9,
            last_event_created = coalesce($10::timestamptz, last_event_created), updated_at = now()
      WHERE name = $1 AND version = $2 AND generation = $3
        AND commit_position IS NOT DISTINCT FROM $4::numeric AND prepare_position IS NOT DISTINCT FROM $5::numeric
      RETURNING ${COLUMNS}`,
    [
      expected.name,
      expected.version,
      expected.generation,
      expectedCommit,
      expectedPrepare,
      commit,
      prepare,
      next.caughtUp,
      next.applied,
      next.lastEventCreated?.toISOString() ?? null,
    ],
  );
  // TypeORM returns [rows, affectedCount] for an UPDATE.
  const updated = (rows as unknown as [CheckpointRow[], number])[0];
  return updated[0] && fromRow(updated[0]);
}

export type ResetOutcome =
  | { readonly kind: 'reset'; readonly checkpoint: StoredCheckpoint }
  | { readonly kind: 'superseded'; readonly newerVersion: number };

/**
 * Moves the checkpoint back to `start` and clears the read model, in one short transaction. A running instance's
 * next compare-and-set then fails, and it resubscribes from the start: the rebuild happens wherever the projection
 * runs, in ordinary batches.
 */
export async function resetCheckpoint(dataSource: DataSource, projection: ProjectionHandler): Promise<ResetOutcome> {
  return dataSource.transaction(async (tx) => {
    const newest = await newestVersion(tx, projection.name);
    if (newest !== undefined && newest > projection.version) return { kind: 'superseded', newerVersion: newest };
    await tx.query(
      'INSERT INTO projection_checkpoints (name, version) VALUES ($1, $2) ON CONFLICT (name, version) DO NOTHING',
      [projection.name, projection.version],
    );
    const rows: CheckpointRow[] = await tx.query(
      `UPDATE projection_checkpoints
          SET generation = generation + 1, commit_position = NULL, prepare_position = NULL, caught_up = false,
              events_applied = 0, last_event_created = NULL, updated_at = now()
        WHERE name = $1 AND version = $2
        RETURNING ${COLUMNS}`,
      [projection.name, projection.version],
    );
    await tx.query('DELETE FROM projection_checkpoints WHERE name = $1 AND version < $2', [
      projection.name,
      projection.version,
    ]);
    await projection.reset(tx);
    const updated = (rows as unknown as [CheckpointRow[], number])[0][0];
    if (!updated) throw new Error(`Checkpoint of projection ${projection.name} vanished while resetting it`);
    return { kind: 'reset', checkpoint: fromRow(updated) };
  });
}
