import { ApiProperty } from '@nestjs/swagger';
import { ClientNameView } from '../../clients';
import { LIFE_DOMAINS, type LifeDomain } from '../../shared/domain/life-domains';
import type { Page } from '../../shared/http/pagination';
import {
  DECLINE_REASONS,
  type DeclineReason,
  DROP_REASONS,
  type DropReason,
  REFERRAL_CONSENT_BASES,
  type ReferralConsentBasis,
} from '../domain/referral.values';
import { REFERRAL_STATUSES, type ReferralStatus } from '../domain/referral.events';

/**
 * A referral in the inbox or outbox of a social worker's organisation. No note; the person's name only for an
 * organisation that may see the person (docs/adr/0027).
 */
export class ReferralSummaryView {
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiProperty({
    type: ClientNameView,
    nullable: true,
    description:
      'The person’s name, when your organisation may see the person (docs/clients.md); otherwise null. Logged.',
  })
  clientName!: ClientNameView | null;
  @ApiProperty({ format: 'uuid' }) fromOrganisationId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Its name in the organisation directory.' })
  fromOrganisationName!: string | null;
  @ApiProperty({ format: 'uuid' }) toOrganisationId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Its name in the organisation directory.' })
  toOrganisationName!: string | null;
  @ApiProperty({ type: String, nullable: true }) service!: string | null;
  @ApiProperty({ enum: LIFE_DOMAINS }) lifeDomain!: LifeDomain;
  @ApiProperty() warm!: boolean;
  @ApiProperty({ enum: REFERRAL_CONSENT_BASES }) consentBasis!: ReferralConsentBasis;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: ReferralStatus;
  @ApiProperty({ description: 'Still `sent` after `dueOn` (today in Belgium).' }) overdue!: boolean;
  @ApiProperty({ format: 'date' }) sentOn!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ format: 'date', description: 'The date of the latest step.' }) statusChangedOn!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) previousReferralId!: string | null;
  @ApiProperty({ type: 'integer', description: 'The referral’s revision (its ETag).' }) revision!: number;
}

export class ReferralSummaryPage implements Page<ReferralSummaryView> {
  @ApiProperty({ type: [ReferralSummaryView] }) items!: ReferralSummaryView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/**
 * A declined or dropped referral (the person is back with the sending organisation, GBO as fallback), or one with
 * replies the sending organisation has not read.
 */
export class FollowUpView extends ReferralSummaryView {
  @ApiProperty({ format: 'uuid', description: 'The person, for the sending organisation that works with them.' })
  clientId!: string;
  @ApiProperty({ format: 'uuid' }) trajectoryId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) needId!: string | null;
  @ApiProperty({ type: String, enum: DECLINE_REASONS, nullable: true }) declineReason!: DeclineReason | null;
  @ApiProperty({ type: String, enum: DROP_REASONS, nullable: true }) dropReason!: DropReason | null;
  @ApiProperty({
    type: 'integer',
    description: 'Messages of the receiving organisation on the referral your organisation has not read yet.',
  })
  unreadReplies!: number;
}

export class FollowUpPage implements Page<FollowUpView> {
  @ApiProperty({ type: [FollowUpView] }) items!: FollowUpView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
