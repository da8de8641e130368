import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BlindIndex } from '../../shared/crypto';
import { rowsOf, type SqlRunner } from '../../shared/database/sql-runner';
import { nameAndBirthDateKey, type PersonalDetails, searchNameKey } from '../domain/personal-details';

/** The table of keyed hashes: erasure rewrites it, so that no deleted hash stays in its files or its indexes. */
export const IDENTITY_INDEX_TABLE = 'clients_identity_index';

const INSZ_PURPOSE = 'client.insz';
const NAME_PURPOSE = 'client.nameAndBirthDate';
const FAMILY_NAME_PURPOSE = 'client.familyName';
/** How many people a search by family name answers at most. */
export const FAMILY_NAME_MATCHES = 200;

/**
 * Finds people by INSZ, or by name and birth date, through keyed hashes (`clients_identity_index`): the values
 * themselves are never stored, and without the index key the hashes cannot be tested against guesses.
 */
@Injectable()
export class IdentityIndex {
  constructor(
    private readonly blindIndex: BlindIndex,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Claims the INSZ for `clientId` unless someone holds it: returns the holder (`clientId` itself when the claim
   * is new or was already its own). Atomic: of two registrations of one INSZ at once, one claims it.
   */
  async claimInsz(insz: string, clientId: string): Promise<string> {
    const hash = this.blindIndex.of(INSZ_PURPOSE, insz);
    await this.dataSource.query(
      `INSERT INTO clients_identity_index (kind, blind_index, client_id) VALUES ('insz', $1, $2) ON CONFLICT DO NOTHING`,
      [hash, clientId],
    );
    const holder = await this.holderOfInsz(insz);
    if (holder === undefined) throw new Error('An INSZ claim vanished while it was made');
    return holder;
  }

  /** The person holding the INSZ, if any. */
  async holderOfInsz(insz: string): Promise<string | undefined> {
    const rows = rowsOf<{ client_id: string }>(
      await this.dataSource.query(
        `SELECT client_id FROM clients_identity_index WHERE kind = 'insz' AND blind_index = $1`,
        [this.blindIndex.of(INSZ_PURPOSE, insz)],
      ),
    );
    return rows[0]?.client_id;
  }

  /** Records the person's name and birth date hash; returns the other people with the same one. */
  async recordNameAndBirthDate(details: PersonalDetails, clientId: string): Promise<string[]> {
    const hash = this.blindIndex.of(NAME_PURPOSE, nameAndBirthDateKey(details));
    await this.dataSource.query(
      `INSERT INTO clients_identity_index (kind, blind_index, client_id) VALUES ('name_birth_date', $1, $2)
       ON CONFLICT DO NOTHING`,
      [hash, clientId],
    );
    return this.withNameAndBirthDate(details, clientId);
  }

  /** The people with this name and birth date (other than `except`). */
  async withNameAndBirthDate(
    details: Pick<PersonalDetails, 'givenName' | 'familyName' | 'birthDate'>,
    except?: string,
  ): Promise<string[]> {
    const rows = rowsOf<{ client_id: string }>(
      await this.dataSource.query(
        `SELECT client_id FROM clients_identity_index
          WHERE kind = 'name_birth_date' AND blind_index = $1 AND client_id IS DISTINCT FROM $2::uuid
          ORDER BY created_at, client_id`,
        [this.blindIndex.of(NAME_PURPOSE, nameAndBirthDateKey(details)), except ?? null],
      ),
    );
    return rows.map((row) => row.client_id);
  }

  /**
   * Records the hash of the person's family name as searches compare it (docs/adr/0028), unless the person's key is
   * gone: a backfill racing an erasure must not leave a hash behind (then it is deleted again, and `false`).
   */
  async recordFamilyName(familyName: string, clientId: string, db: SqlRunner = this.dataSource): Promise<boolean> {
    await db.query(
      `INSERT INTO clients_identity_index (kind, blind_index, client_id) VALUES ('family_name', $1, $2)
       ON CONFLICT DO NOTHING`,
      [this.blindIndex.of(FAMILY_NAME_PURPOSE, searchNameKey(familyName)), clientId],
    );
    const [key] = rowsOf<{ usable: boolean }>(
      await db.query(`SELECT wrapped_key IS NOT NULL AS usable FROM personal_data_keys WHERE subject_id = $1`, [
        clientId,
      ]),
    );
    if (key?.usable) return true;
    await db.query(`DELETE FROM clients_identity_index WHERE kind = 'family_name' AND client_id = $1`, [clientId]);
    return false;
  }

  /** The people with this family name as searches compare it, oldest first, at most `FAMILY_NAME_MATCHES`. */
  async withFamilyName(familyName: string): Promise<string[]> {
    const rows = rowsOf<{ client_id: string }>(
      await this.dataSource.query(
        `SELECT client_id FROM clients_identity_index WHERE kind = 'family_name' AND blind_index = $1
          ORDER BY created_at, client_id LIMIT $2`,
        [this.blindIndex.of(FAMILY_NAME_PURPOSE, searchNameKey(familyName)), FAMILY_NAME_MATCHES],
      ),
    );
    return rows.map((row) => row.client_id);
  }

  /** Which kinds of index entries a person has (for the subject-access report: hashes are not shown). */
  async kindsOf(clientId: string): Promise<string[]> {
    const rows = rowsOf<{ kind: string }>(
      await this.dataSource.query(`SELECT kind FROM clients_identity_index WHERE client_id = $1 ORDER BY kind`, [
        clientId,
      ]),
    );
    return rows.map((row) => row.kind);
  }

  /** Erasure: the person can no longer be found by anything they are. */
  async remove(clientIds: readonly string[], db: SqlRunner = this.dataSource): Promise<void> {
    if (clientIds.length === 0) return;
    await db.query(`DELETE FROM clients_identity_index WHERE client_id = ANY($1::uuid[])`, [[...clientIds]]);
  }
}
