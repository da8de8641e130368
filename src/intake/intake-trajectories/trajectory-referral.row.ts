import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProjectedRow } from '../../shared/projections';

/**
 * The closed loop (issue 7): a referral sent from a trajectory and where it stands, for the trajectory's detail.
 * Keyed by referral, with its trajectory: later referral events name only the referral, so this row is also the
 * referral → trajectory mapping. No personal data (the referral's note stays in the referral capability).
 */
@Entity('intake_trajectory_referrals')
export class TrajectoryReferralRow extends ProjectedRow {
  @PrimaryColumn('uuid', { name: 'referral_id' })
  referralId!: string;

  @Column('uuid', { name: 'trajectory_id' })
  trajectoryId!: string;

  @Column('text', { name: 'to_organisation_id' })
  toOrganisationId!: string;

  @Column('text', { nullable: true })
  service!: string | null;

  @Column('text', { name: 'life_domain' })
  lifeDomain!: string;

  /** The status the referral's last event gives (`REFERRAL_STATUSES`); overdue is computed where it is read. */
  @Column('text')
  status!: string;

  @Column('date', { name: 'sent_on' })
  sentOn!: string;

  @Column('date', { name: 'due_on' })
  dueOn!: string;

  @Column('date', { name: 'status_since' })
  statusSince!: string;
}
