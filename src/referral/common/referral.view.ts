import { ApiProperty } from '@nestjs/swagger';
import { ClientNameView } from '../../clients';
import { LIFE_DOMAINS, type LifeDomain } from '../../shared/domain/life-domains';
import {
  COMPLETION_OUTCOMES,
  type CompletionOutcome,
  DECLINE_REASONS,
  type DeclineReason,
  DROP_REASONS,
  DROPPED_BY,
  type DropReason,
  type DroppedBy,
  REFERRAL_CONSENT_BASES,
  type ReferralConsentBasis,
  REVOCATION_REASONS,
  type RevocationReason,
} from '../domain/referral.values';
import { REFERRAL_STATUSES, type ReferralStatus } from '../domain/referral.events';

export class DeclineView {
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ enum: DECLINE_REASONS }) reason!: DeclineReason;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'For the two organisations; null once the person is erased.',
  })
  explanation!: string | null;
}

export class CompletionView {
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ enum: COMPLETION_OUTCOMES }) outcome!: CompletionOutcome;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The receiver’s feedback to the sender; for the two organisations; null if none or once erased.',
  })
  feedback!: string | null;
}

export class DropView {
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ enum: DROPPED_BY }) droppedBy!: DroppedBy;
  @ApiProperty({ enum: DROP_REASONS }) reason!: DropReason;
}

export class RevocationView {
  @ApiProperty({ format: 'date' }) on!: string;
  @ApiProperty({ enum: REVOCATION_REASONS }) reason!: RevocationReason;
  @ApiProperty({ format: 'uuid' }) byOrganisationId!: string;
}

/**
 * A referral as one of its parties sees it (docs/adr/0015). The sender sees everything. The receiver sees the
 * person and the note only while the consent basis holds (never for basis `none`); a coordinator (revoking) sees
 * nothing personal. Fields a viewer may not see are null, and `personalDataShared` says why.
 */
export class ReferralView {
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for the receiver and coordinators.' })
  trajectoryId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null unless personal data is shared.' })
  clientId!: string | null;
  @ApiProperty({
    type: ClientNameView,
    nullable: true,
    description:
      'The person’s name: null unless personal data is shared and your organisation may see the person (docs/clients.md).',
  })
  clientName!: ClientNameView | null;
  @ApiProperty({ description: 'Whether this viewer sees the person (the sender always; the receiver with consent).' })
  personalDataShared!: boolean;
  @ApiProperty({ format: 'uuid' }) fromOrganisationId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Its name in the organisation directory.' })
  fromOrganisationName!: string | null;
  @ApiProperty({ format: 'uuid' }) toOrganisationId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Its name in the organisation directory.' })
  toOrganisationName!: string | null;
  @ApiProperty({ type: String, nullable: true }) fromMunicipalityId!: string | null;
  @ApiProperty({ type: String, nullable: true }) toMunicipalityId!: string | null;
  @ApiProperty({ type: String, nullable: true }) service!: string | null;
  @ApiProperty({ enum: LIFE_DOMAINS }) lifeDomain!: LifeDomain;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The trajectory’s need; sender only.' })
  needId!: string | null;
  @ApiProperty() warm!: boolean;
  @ApiProperty({ enum: REFERRAL_CONSENT_BASES }) consentBasis!: ReferralConsentBasis;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Sender only.' }) consentId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Opened for this answer; null if not shared or erased.' })
  note!: string | null;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: ReferralStatus;
  @ApiProperty({ description: 'Still `sent` after `dueOn`.' }) overdue!: boolean;
  @ApiProperty({ format: 'date' }) sentOn!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ type: 'integer' }) responseDeadlineDays!: number;
  @ApiProperty({ type: String, format: 'date', nullable: true }) acceptedOn!: string | null;
  @ApiProperty({ type: DeclineView, nullable: true }) declined!: DeclineView | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) firstContactOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) serviceStartedOn!: string | null;
  @ApiProperty({ type: CompletionView, nullable: true }) completed!: CompletionView | null;
  @ApiProperty({ type: DropView, nullable: true }) dropped!: DropView | null;
  @ApiProperty({ type: RevocationView, nullable: true }) revoked!: RevocationView | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) previousReferralId!: string | null;
  @ApiProperty({ type: 'integer', description: 'The revision; send it back as `If-Match: "<revision>"`.' })
  revision!: number;
}
