import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../../shared/projections';

/**
 * Where a person lived, from when: one row per registration and move. Analysts attribute a person to the
 * municipality of residence on an event's date (docs/domain.md): the row with the latest `effective_from` on or before it.
 */
@Entity('clients_residences')
export class ClientResidenceRow extends ProjectedRow {
  /** `<clientId>:<effectiveFrom>`, or `<clientId>:registration` for the residence at registration. */
  @PrimaryColumn('text', { name: 'residence_key' })
  residenceKey!: string;

  @Column('uuid', { name: 'client_id' })
  clientId!: string;

  /** Null: the residence at registration, from before anything recorded. */
  @Column('date', { name: 'effective_from', nullable: true })
  effectiveFrom!: string | null;

  @Column('uuid', { name: 'municipality_id' })
  municipalityId!: string;
}
