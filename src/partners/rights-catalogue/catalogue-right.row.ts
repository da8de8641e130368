import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../../shared/projections';
import { revisionColumn } from '../../shared/database/revision-column';
import type { LifeDomain, RightLevel } from '../domain/reference-values';

/** One right of the catalogue, as it is now. */
@Entity('partners_catalogue_rights')
export class CatalogueRightRow extends ProjectedRow {
  @PrimaryColumn('uuid', { name: 'right_id' })
  rightId!: string;

  @Column('text')
  name!: string;

  @Column('text', { name: 'life_domain' })
  lifeDomain!: LifeDomain;

  @Column('text')
  level!: RightLevel;

  /** Set for local rights only. */
  @Column('uuid', { name: 'municipality_id', nullable: true })
  municipalityId!: string | null;

  @Column('boolean')
  retired!: boolean;

  @Column('bigint', { transformer: revisionColumn })
  revision!: bigint;
}
