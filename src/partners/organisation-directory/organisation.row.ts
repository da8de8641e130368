import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../../shared/projections';
import { revisionColumn } from '../../shared/database/revision-column';
import type { OrganisationType } from '../domain/reference-values';

/** One partner organisation, as it is now. */
@Entity('partners_organisations')
export class OrganisationRow extends ProjectedRow {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  type!: OrganisationType;

  @Column('uuid', { name: 'municipality_id', nullable: true })
  municipalityId!: string | null;

  @Column('jsonb')
  services!: string[];

  @Column('integer', { name: 'response_deadline_days', nullable: true })
  responseDeadlineDays!: number | null;

  @Column('integer', { name: 'service_start_deadline_days' })
  serviceStartDeadlineDays!: number;

  @Column('boolean')
  active!: boolean;

  /** The organisation stream's revision: the resource's ETag. */
  @Column('bigint', { transformer: revisionColumn })
  revision!: bigint;
}
