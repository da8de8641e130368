import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../../shared/projections';
import { revisionColumn } from '../../shared/database/revision-column';

/** One municipality, as it is now. */
@Entity('partners_municipalities')
export class MunicipalityRow extends ProjectedRow {
  @PrimaryColumn('uuid', { name: 'municipality_id' })
  municipalityId!: string;

  @Column('text')
  name!: string;

  @Column('text', { name: 'nis_code', nullable: true })
  nisCode!: string | null;

  @Column('boolean')
  member!: boolean;

  /** The municipality stream's revision (population figures move it too): the resource's ETag. */
  @Column('bigint', { transformer: revisionColumn })
  revision!: bigint;
}

/** A municipality's population on 1 January of a year, corrections applied. Analysts join on it for rates. */
@Entity('partners_municipality_populations')
export class PopulationRow extends ProjectedRow {
  /** `<municipalityId>:<year>`: a row projection has one key column. */
  @PrimaryColumn('text', { name: 'population_key' })
  populationKey!: string;

  @Column('uuid', { name: 'municipality_id' })
  municipalityId!: string;

  @Column('integer')
  year!: number;

  @Column('integer')
  population!: number;

  @Column('boolean')
  approximate!: boolean;

  @Column('text', { nullable: true })
  source!: string | null;

  @Column('boolean')
  corrected!: boolean;
}
