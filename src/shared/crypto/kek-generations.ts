import { rowsOf, type SqlRunner } from '../database/sql-runner';

export interface KekGeneration {
  readonly kekId: string;
  readonly firstUsedAt: Date;
  /** When a rotation left no data key wrapped by it; `null` while it still wraps keys or is the current one. */
  readonly retiredAt: Date | null;
  /** Live data keys it wraps now. */
  readonly keys: number;
  /** Whole days since its first use, by the database's clock. */
  readonly ageDays: number;
}

const SECONDS_PER_DAY = 86_400;

/** Records that `kekId` wraps keys from now on (unless it was recorded before: the first use counts). */
export async function recordKekGeneration(db: SqlRunner, kekId: string): Promise<void> {
  await db.query(
    `INSERT INTO personal_data_kek_generations (kek_id) VALUES ($1)
     ON CONFLICT (kek_id) DO UPDATE SET retired_at = NULL WHERE personal_data_kek_generations.retired_at IS NOT NULL`,
    [kekId],
  );
}

/** Marks a KEK retired once no data key is wrapped by it any more; returns whether it is (now or before). */
export async function retireKekGeneration(db: SqlRunner, kekId: string): Promise<boolean> {
  const rows = rowsOf<{ kek_id: string }>(
    await db.query(
      `UPDATE personal_data_kek_generations SET retired_at = coalesce(retired_at, now())
        WHERE kek_id = $1 AND NOT EXISTS (SELECT 1 FROM personal_data_keys WHERE kek_id = $1)
        RETURNING kek_id`,
      [kekId],
    ),
  );
  return rows.length > 0;
}

/** Every KEK generation this database has had, oldest first, with the keys each wraps now. */
export async function kekGenerations(db: SqlRunner): Promise<KekGeneration[]> {
  const rows = rowsOf<{ kek_id: string; first_used_at: Date; retired_at: Date | null; keys: string; age: string }>(
    await db.query(
      `SELECT g.kek_id, g.first_used_at, g.retired_at,
              (SELECT count(*) FROM personal_data_keys k WHERE k.kek_id = g.kek_id)::text AS keys,
              extract(epoch FROM now() - g.first_used_at)::text AS age
         FROM personal_data_kek_generations g ORDER BY g.first_used_at, g.kek_id`,
    ),
  );
  return rows.map((row) => ({
    kekId: row.kek_id,
    firstUsedAt: new Date(row.first_used_at),
    retiredAt: row.retired_at === null ? null : new Date(row.retired_at),
    keys: Number(row.keys),
    ageDays: Math.floor(Number(row.age) / SECONDS_PER_DAY),
  }));
}

/** Seconds since `kekId` was first used, by the database's clock; `undefined` if it was never recorded. */
export async function kekAgeSeconds(db: SqlRunner, kekId: string): Promise<number | undefined> {
  const [row] = rowsOf<{ age: string }>(
    await db.query(
      `SELECT extract(epoch FROM now() - first_used_at)::text AS age FROM personal_data_kek_generations
        WHERE kek_id = $1`,
      [kekId],
    ),
  );
  return row === undefined ? undefined : Number(row.age);
}
