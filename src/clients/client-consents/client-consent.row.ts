import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../../shared/projections';

/** A consent and its validity: scopes, organisations and dates, no personal data. */
@Entity('clients_consents')
export class ClientConsentRow extends ProjectedRow {
  @PrimaryColumn('uuid', { name: 'consent_id' })
  consentId!: string;

  @Column('uuid', { name: 'client_id' })
  clientId!: string;

  @Column('text')
  scope!: string;

  @Column('text', { name: 'organisation_id', nullable: true })
  organisationId!: string | null;

  @Column('date', { name: 'valid_from' })
  validFrom!: string;

  @Column('date', { name: 'valid_until', nullable: true })
  validUntil!: string | null;

  @Column('date', { name: 'withdrawn_on', nullable: true })
  withdrawnOn!: string | null;

  @Column('text', { name: 'recorded_by' })
  recordedBy!: string;
}
