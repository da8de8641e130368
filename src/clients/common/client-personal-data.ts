import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type DataKey, isSealed, PersonalDataKeys } from '../../shared/crypto';
import { type SqlRunner } from '../../shared/database/sql-runner';
import type { JsonValue } from '../../shared/event-store';
import { ADDRESS_CONTEXT, PERSONAL_DATA_CONTEXT, type SealedPersonalData } from '../domain/client.events';
import type { PersonalDetails, PostalAddress } from '../domain/personal-details';

/**
 * Seals and opens a person's personal data with their data key (one per person, `src/shared/crypto`). The
 * plaintext exists only in memory, for a request; what is stored, in events and read models, is sealed.
 */
@Injectable()
export class ClientPersonalData {
  constructor(
    private readonly keys: PersonalDataKeys,
    private readonly dataSource: DataSource,
  ) {}

  /** The person's key, created on first use; refuses (`PersonalDataShredded`) once it was destroyed. */
  keyFor(clientId: string): Promise<DataKey> {
    return this.keys.forSubject(this.dataSource, clientId);
  }

  /** The person's key, if it still exists. */
  find(clientId: string, db: SqlRunner = this.dataSource): Promise<DataKey | undefined> {
    return this.keys.find(db, clientId);
  }

  findMany(clientIds: readonly string[]): Promise<Map<string, DataKey>> {
    return this.keys.findMany(this.dataSource, clientIds);
  }

  /** Destroys the person's key: everything sealed with it is unreadable for good. Idempotent. */
  shred(clientId: string, db: SqlRunner = this.dataSource): Promise<number> {
    return this.keys.shred(db, [clientId]);
  }

  keyStatus(clientId: string) {
    return this.keys.status(this.dataSource, clientId);
  }

  sealDetails(key: DataKey, details: PersonalDetails): SealedPersonalData {
    return key.seal(PERSONAL_DATA_CONTEXT, details as unknown as JsonValue);
  }

  sealAddress(key: DataKey, address: PostalAddress): SealedPersonalData {
    return key.seal(ADDRESS_CONTEXT, address as unknown as JsonValue);
  }

  openDetails(key: DataKey, sealed: SealedPersonalData): PersonalDetails {
    return key.open(PERSONAL_DATA_CONTEXT, sealed) as unknown as PersonalDetails;
  }

  openAddress(key: DataKey, sealed: SealedPersonalData): PostalAddress {
    return key.open(ADDRESS_CONTEXT, sealed) as unknown as PostalAddress;
  }

  static isSealed(value: unknown): value is SealedPersonalData {
    return isSealed(value);
  }
}
