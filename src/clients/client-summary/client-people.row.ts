import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../../shared/projections';
import { revisionColumn } from '../../shared/database/revision-column';
import type { SealedPersonalData } from '../domain/client.events';

/**
 * A person's personal data for the organisations that may see them: **sealed**, as in the events (the query opens
 * it with the person's key, per request). Erasure empties the sealed columns. Social workers' read side only; the
 * analysts' tables (`clients_register`, `clients_residences`, `clients_consents`) hold no personal data.
 */
@Entity('clients_people')
export class ClientPeopleRow extends ProjectedRow {
  @PrimaryColumn('uuid', { name: 'client_id' })
  clientId!: string;

  @Column('text', { name: 'registered_by' })
  registeredBy!: string;

  @Column('date', { name: 'registered_on' })
  registeredOn!: string;

  @Column('jsonb', { name: 'personal_data', nullable: true })
  personalData!: SealedPersonalData | null;

  /** The address of the latest move that gave one; null: the registration's (inside `personal_data`). */
  @Column('jsonb', { nullable: true })
  address!: SealedPersonalData | null;

  @Column('date', { name: 'address_from', nullable: true })
  addressFrom!: string | null;

  @Column('date', { name: 'erased_on', nullable: true })
  erasedOn!: string | null;

  /** The person's stream revision: the ETag. */
  @Column('bigint', { transformer: revisionColumn })
  revision!: bigint;
}
