import { PersonalDataShredded, PersonalDataUndecryptable } from './crypto.errors';
import { isSealed, open, seal, type Sealed } from './envelope';
import { Keyring } from './keyring';
import { affectedOf, rowsOf, type SqlRunner } from '../database/sql-runner';
import type { JsonValue } from '../event-store';

/** A subject's data key, unwrapped, for this operation only: it is never cached beyond the object's life. */
export class DataKey {
  constructor(
    readonly subjectId: string,
    private readonly key: Buffer,
  ) {}

  /** Seals a value for one field (`context`, such as `client.personalData`) of this subject. */
  seal(context: string, value: JsonValue): Sealed {
    return seal(this.key, this.subjectId, context, value);
  }

  /** Opens a value sealed for this subject and field; refuses one sealed for anyone or anything else. */
  open(context: string, sealed: Sealed): JsonValue {
    if (!isSealed(sealed) || sealed.$pii.kid !== this.subjectId) throw new PersonalDataUndecryptable(this.subjectId);
    return open(this.key, sealed, context);
  }
}

export type DataKeyStatus =
  | { readonly state: 'absent' }
  | { readonly state: 'active'; readonly createdAt: Date; readonly kekId: string }
  | { readonly state: 'shredded'; readonly createdAt: Date; readonly shreddedAt: Date };

export interface RewrapSummary {
  /** Keys rewrapped from the previous KEK to the current one. */
  readonly rewrapped: number;
  /** Keys wrapped by a KEK this process does not hold: they stay as they are (and cannot be read). */
  readonly unknownKek: number;
}

/** The table of data keys: erasure rewrites it (`rewriteTables`) so that no old version of a key stays in its files. */
export const PERSONAL_DATA_KEYS_TABLE = 'personal_data_keys';

interface KeyRow {
  subject_id: string;
  wrapped_key: Buffer | null;
  kek_id: string | null;
  created_at: Date;
  shredded_at: Date | null;
}

/**
 * The data keys of personal data, in PostgreSQL (table `personal_data_keys`), wrapped by the key-encryption key
 * (envelope encryption). Erasure destroys a subject's key; every copy of their sealed data, in events, read models
 * and backups, is unreadable from then on (crypto-shredding, docs/privacy.md).
 *
 * Each method takes the connection to use: pass a transaction's `EntityManager` inside a transaction (embedded
 * PGlite has one session; a second connection would wait for ever).
 */
export class PersonalDataKeys {
  constructor(readonly keyring: Keyring) {}

  /** The subject's key, created on first use. Throws `PersonalDataShredded` for a subject whose key was destroyed. */
  async forSubject(db: SqlRunner, subjectId: string): Promise<DataKey> {
    const existing = await this.load(db, [subjectId]);
    let row = existing.get(subjectId);
    if (row === undefined) {
      const dataKey = Keyring.newDataKey();
      const { wrapped, kekId } = this.keyring.wrap(subjectId, dataKey);
      // Two writers may create the key at once: the first row wins and both use it.
      await db.query(
        `INSERT INTO personal_data_keys (subject_id, wrapped_key, kek_id) VALUES ($1, $2, $3)
         ON CONFLICT (subject_id) DO NOTHING`,
        [subjectId, wrapped, kekId],
      );
      row = (await this.load(db, [subjectId])).get(subjectId);
      if (row === undefined) throw new Error(`The data key of subject ${subjectId} was not stored`);
    }
    return this.unwrapRow(row);
  }

  /** The subject's key if it exists and was not destroyed. */
  async find(db: SqlRunner, subjectId: string): Promise<DataKey | undefined> {
    return (await this.findMany(db, [subjectId])).get(subjectId);
  }

  /** The keys of several subjects at once; subjects without a usable key are left out. */
  async findMany(db: SqlRunner, subjectIds: readonly string[]): Promise<Map<string, DataKey>> {
    const keys = new Map<string, DataKey>();
    for (const [subjectId, row] of await this.load(db, subjectIds)) {
      if (row.wrapped_key !== null) keys.set(subjectId, this.unwrapRow(row));
    }
    return keys;
  }

  async status(db: SqlRunner, subjectId: string): Promise<DataKeyStatus> {
    const row = (await this.load(db, [subjectId])).get(subjectId);
    if (row === undefined) return { state: 'absent' };
    if (row.shredded_at !== null) {
      return { state: 'shredded', createdAt: new Date(row.created_at), shreddedAt: new Date(row.shredded_at) };
    }
    return { state: 'active', createdAt: new Date(row.created_at), kekId: String(row.kek_id) };
  }

  /**
   * Destroys the subjects' keys (idempotent). A subject that never had one gets the tombstone anyway, so that no key
   * is ever made for them afterwards. Returns how many keys were destroyed by this call.
   */
  shred(db: SqlRunner, subjectIds: readonly string[]): Promise<number> {
    return shredDataKeys(db, subjectIds);
  }

  /**
   * Rewraps every data key not wrapped by the current KEK with it (key rotation), in batches, each batch one
   * statement that only changes rows still wrapped as read (another rotation running at once does no harm).
   */
  async rewrapAll(
    db: SqlRunner,
    options: { batchSize?: number; onBatch?: (done: number) => void } = {},
  ): Promise<RewrapSummary> {
    const batchSize = options.batchSize ?? 500;
    const current = this.keyring.current.id;
    let after = '00000000-0000-0000-0000-000000000000';
    let rewrapped = 0;
    let unknownKek = 0;
    for (;;) {
      const rows = rowsOf<KeyRow>(
        await db.query(
          `SELECT subject_id, wrapped_key, kek_id, created_at, shredded_at FROM personal_data_keys
            WHERE wrapped_key IS NOT NULL AND kek_id <> $1 AND subject_id > $2
            ORDER BY subject_id LIMIT $3`,
          [current, after, batchSize],
        ),
      );
      if (rows.length === 0) break;
      after = rows.at(-1)!.subject_id;
      const ids: string[] = [];
      const wrappedKeys: Buffer[] = [];
      const previousKekIds: string[] = [];
      for (const row of rows) {
        if (!this.keyring.knows(String(row.kek_id))) {
          unknownKek += 1;
          continue;
        }
        const dataKey = this.keyring.unwrap(row.subject_id, { wrapped: row.wrapped_key!, kekId: String(row.kek_id) });
        ids.push(row.subject_id);
        wrappedKeys.push(this.keyring.wrap(row.subject_id, dataKey).wrapped);
        previousKekIds.push(String(row.kek_id));
      }
      if (ids.length > 0) {
        rewrapped += affectedOf(
          await db.query(
            `UPDATE personal_data_keys AS k
                SET wrapped_key = u.wrapped_key, kek_id = $4, rewrapped_at = now()
               FROM unnest($1::uuid[], $2::bytea[], $3::text[]) AS u(subject_id, wrapped_key, old_kek_id)
              WHERE k.subject_id = u.subject_id AND k.kek_id = u.old_kek_id`,
            [ids, wrappedKeys, previousKekIds, current],
          ),
        );
      }
      options.onBatch?.(rewrapped);
    }
    return { rewrapped, unknownKek };
  }

  /** How many live keys each KEK wraps: for the rotation command's report. */
  async countByKek(db: SqlRunner): Promise<Map<string, number>> {
    const rows = rowsOf<{ kek_id: string; keys: string }>(
      await db.query(
        `SELECT kek_id, count(*)::text AS keys FROM personal_data_keys WHERE kek_id IS NOT NULL GROUP BY kek_id`,
      ),
    );
    return new Map(rows.map((row) => [row.kek_id, Number(row.keys)]));
  }

  private async load(db: SqlRunner, subjectIds: readonly string[]): Promise<Map<string, KeyRow>> {
    if (subjectIds.length === 0) return new Map();
    const rows = rowsOf<KeyRow>(
      await db.query(
        `SELECT subject_id, wrapped_key, kek_id, created_at, shredded_at FROM personal_data_keys
          WHERE subject_id = ANY($1::uuid[])`,
        [[...subjectIds]],
      ),
    );
    return new Map(rows.map((row) => [row.subject_id, row]));
  }

  private unwrapRow(row: KeyRow): DataKey {
    if (row.wrapped_key === null || row.kek_id === null) throw new PersonalDataShredded(row.subject_id);
    return new DataKey(
      row.subject_id,
      this.keyring.unwrap(row.subject_id, { wrapped: row.wrapped_key, kekId: row.kek_id }),
    );
  }
}

/**
 * Destroys the subjects' data keys (idempotent), keeping a tombstone row; a subject that never had a key gets the
 * tombstone anyway, so that no key is ever made for them afterwards. Needs no key-encryption key, so a projection
 * replaying erasures can call it. Returns how many keys this call destroyed.
 */
export async function shredDataKeys(db: SqlRunner, subjectIds: readonly string[]): Promise<number> {
  if (subjectIds.length === 0) return 0;
  const destroyed = affectedOf(
    await db.query(
      `UPDATE personal_data_keys SET wrapped_key = NULL, kek_id = NULL, shredded_at = now()
        WHERE subject_id = ANY($1::uuid[]) AND shredded_at IS NULL`,
      [[...subjectIds]],
    ),
  );
  await db.query(
    `INSERT INTO personal_data_keys (subject_id, wrapped_key, kek_id, shredded_at)
     SELECT id, NULL, NULL, now() FROM unnest($1::uuid[]) AS id
     ON CONFLICT (subject_id) DO NOTHING`,
    [[...subjectIds]],
  );
  return destroyed;
}
