import { Column, Entity, PrimaryColumn } from 'typeorm';
import { revisionColumn } from '../../shared/database/revision-column';
import { ProjectedRow } from '../../shared/projections';

/**
 * A referral's lifecycle for the lists and the coordinators' views. Ids, codes and dates: the note and a decline's
 * explanation stay sealed in the events, so erasure has nothing to scrub here (docs/adr/0015). `client_id` is the
 * person's pseudonymous id, never shown to coordinators.
 */
@Entity('referrals')
export class ReferralRow extends ProjectedRow {
  @PrimaryColumn('uuid', { name: 'referral_id' }) referralId!: string;
  @Column('uuid', { name: 'trajectory_id' }) trajectoryId!: string;
  @Column('uuid', { name: 'client_id' }) clientId!: string;
  @Column('text', { name: 'from_organisation_id' }) fromOrganisationId!: string;
  @Column('text', { name: 'to_organisation_id' }) toOrganisationId!: string;
  @Column('text', { name: 'from_municipality_id', nullable: true }) fromMunicipalityId!: string | null;
  @Column('text', { name: 'to_municipality_id', nullable: true }) toMunicipalityId!: string | null;
  @Column('text', { nullable: true }) service!: string | null;
  @Column('text', { name: 'life_domain' }) lifeDomain!: string;
  @Column('uuid', { name: 'need_id', nullable: true }) needId!: string | null;
  @Column('boolean') warm!: boolean;
  @Column('text', { name: 'consent_basis' }) consentBasis!: string;
  @Column('boolean', { name: 'has_note' }) hasNote!: boolean;
  @Column('text') status!: string;
  @Column('date', { name: 'sent_on' }) sentOn!: string;
  @Column('date', { name: 'due_on' }) dueOn!: string;
  @Column('integer', { name: 'response_deadline_days' }) responseDeadlineDays!: number;
  /** The receiver's days from acceptance to the service's start (docs/adr/0026). */
  @Column('integer', { name: 'service_start_deadline_days' }) serviceStartDeadlineDays!: number;
  /** Accepted: the day by which the service should start; a referral not started after it is overdue. */
  @Column('date', { name: 'service_start_due_on', nullable: true }) serviceStartDueOn!: string | null;
  /** Accepted or declined: what response times are measured to. */
  @Column('date', { name: 'responded_on', nullable: true }) respondedOn!: string | null;
  @Column('date', { name: 'accepted_on', nullable: true }) acceptedOn!: string | null;
  @Column('date', { name: 'declined_on', nullable: true }) declinedOn!: string | null;
  @Column('text', { name: 'decline_reason', nullable: true }) declineReason!: string | null;
  @Column('date', { name: 'first_contact_on', nullable: true }) firstContactOn!: string | null;
  @Column('date', { name: 'service_started_on', nullable: true }) serviceStartedOn!: string | null;
  @Column('date', { name: 'completed_on', nullable: true }) completedOn!: string | null;
  @Column('text', { name: 'completion_outcome', nullable: true }) completionOutcome!: string | null;
  @Column('date', { name: 'dropped_on', nullable: true }) droppedOn!: string | null;
  @Column('text', { name: 'dropped_by', nullable: true }) droppedBy!: string | null;
  @Column('text', { name: 'drop_reason', nullable: true }) dropReason!: string | null;
  @Column('date', { name: 'revoked_on', nullable: true }) revokedOn!: string | null;
  @Column('text', { name: 'revocation_reason', nullable: true }) revocationReason!: string | null;
  @Column('date', { name: 'status_changed_on' }) statusChangedOn!: string;
  @Column('uuid', { name: 'previous_referral_id', nullable: true }) previousReferralId!: string | null;
  /** The referral's stream revision: its ETag. */
  @Column('bigint', { transformer: revisionColumn }) revision!: bigint;
}
