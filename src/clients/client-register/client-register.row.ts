import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../../shared/projections';

/**
 * The register of people as analysts may use it: one row per person, an anonymous id and what counting needs
 * (residence, household, income source, birth year), never personal data. Erased people stay, marked, so that
 * counts still include them.
 */
@Entity('clients_register')
export class ClientRegisterRow extends ProjectedRow {
  @PrimaryColumn('uuid', { name: 'client_id' })
  clientId!: string;

  @Column('text', { name: 'registered_by' })
  registeredBy!: string;

  @Column('date', { name: 'registered_on' })
  registeredOn!: string;

  @Column('integer', { name: 'birth_year' })
  birthYear!: number;

  @Column('integer', { name: 'household_adults' })
  householdAdults!: number;

  @Column('integer', { name: 'household_children' })
  householdChildren!: number;

  @Column('text', { name: 'main_income_source' })
  mainIncomeSource!: string;

  /** The municipality of residence after the latest move (by the date it took effect). */
  @Column('uuid', { name: 'municipality_id' })
  municipalityId!: string;

  @Column('date', { name: 'municipality_since', nullable: true })
  municipalitySince!: string | null;

  @Column('boolean')
  erased!: boolean;
}
