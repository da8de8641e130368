import { Column, Entity, PrimaryColumn } from 'typeorm';
import { revisionColumn } from '../../shared/database/revision-column';
import { ProjectedRow } from '../../shared/projections';
import type { TrajectoryDetail } from './trajectory-detail';

/**
 * A trajectory for the social workers of its responsible organisation: the caseload columns, and its detail with
 * the timeline (JSON). Need descriptions stay **sealed** in the detail and are emptied when the person is erased.
 */
@Entity('intake_trajectories')
export class IntakeTrajectoryRow extends ProjectedRow {
  @PrimaryColumn('uuid', { name: 'trajectory_id' })
  trajectoryId!: string;

  @Column('uuid', { name: 'client_id' })
  clientId!: string;

  @Column('text', { name: 'organisation_id' })
  organisationId!: string;

  @Column('text', { name: 'caseworker_id', nullable: true })
  caseworkerId!: string | null;

  @Column('text')
  status!: 'open' | 'closed';

  @Column('text')
  origin!: string;

  @Column('date', { name: 'opened_on' })
  openedOn!: string;

  @Column('date', { name: 'closed_on', nullable: true })
  closedOn!: string | null;

  @Column('date', { name: 'last_activity_on' })
  lastActivityOn!: string;

  @Column('jsonb')
  detail!: TrajectoryDetail;

  /** True once the person's personal data was erased (the detail then holds no sealed text). */
  @Column('boolean', { name: 'personal_data_erased' })
  personalDataErased!: boolean;

  /** The trajectory's stream revision: the ETag. */
  @Column('bigint', { transformer: revisionColumn })
  revision!: bigint;
}
