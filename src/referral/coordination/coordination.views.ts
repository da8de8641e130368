import { ApiProperty } from '@nestjs/swagger';
import { LIFE_DOMAINS, type LifeDomain } from '../../shared/domain/life-domains';
import type { Page } from '../../shared/http/pagination';
import { REFERRAL_STATUSES, type ReferralStatus } from '../domain/referral.events';

/**
 * The coordinators' views (docs/adr/0015, 0026): organisations and municipalities (ids with their names from the
 * partners' reference data), codes, dates and counts. Never a person's id, a trajectory, a need or a note:
 * coordinators follow flows, not case files.
 */

/** Why a referral is overdue: unanswered after its due date, or accepted and its service not started in time. */
export const OVERDUE_KINDS = ['response', 'service_start'] as const;
export type OverdueKind = (typeof OVERDUE_KINDS)[number];

const NAME = { type: String, nullable: true, description: 'From the reference data; null: not (or no longer) known.' };

export class StatusCountsView {
  @ApiProperty({ type: String, format: 'date', nullable: true }) sentFrom!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) sentTo!: string | null;
  @ApiProperty({ format: 'date', description: 'The day overdue is computed for.' }) today!: string;
  @ApiProperty({
    description: 'Referrals per status (every status listed, zero included).',
    example: { sent: 4, accepted: 2, declined: 1 },
  })
  byStatus!: Record<string, number>;
  @ApiProperty({
    type: 'integer',
    description: 'Overdue: still `sent` after the due date, or accepted and not started after the start due date.',
  })
  overdue!: number;
  @ApiProperty({
    description: 'The overdue per kind (`response`, `service_start`).',
    example: { response: 3, service_start: 1 },
  })
  overdueByKind!: Record<OverdueKind, number>;
  @ApiProperty({ type: 'integer' }) total!: number;
}

export class OverdueReferralView {
  @ApiProperty({ format: 'uuid', description: 'To read (without the person) or revoke it, or to ask about it.' })
  referralId!: string;
  @ApiProperty({ format: 'uuid' }) fromOrganisationId!: string;
  @ApiProperty(NAME) fromOrganisationName!: string | null;
  @ApiProperty({ format: 'uuid' }) toOrganisationId!: string;
  @ApiProperty(NAME) toOrganisationName!: string | null;
  @ApiProperty({ type: String, nullable: true }) fromMunicipalityId!: string | null;
  @ApiProperty(NAME) fromMunicipalityName!: string | null;
  @ApiProperty({ type: String, nullable: true }) toMunicipalityId!: string | null;
  @ApiProperty(NAME) toMunicipalityName!: string | null;
  @ApiProperty({ type: String, nullable: true }) service!: string | null;
  @ApiProperty({ enum: LIFE_DOMAINS }) lifeDomain!: LifeDomain;
  @ApiProperty() warm!: boolean;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: ReferralStatus;
  @ApiProperty({
    enum: OVERDUE_KINDS,
    description:
      '`response`: unanswered after `dueOn`; `service_start`: accepted, not started after `serviceStartDueOn`.',
  })
  overdueKind!: OverdueKind;
  @ApiProperty({ format: 'date' }) sentOn!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) acceptedOn!: string | null;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Accepted: the day the service should start by (the receiver’s service start deadline).',
  })
  serviceStartDueOn!: string | null;
  @ApiProperty({ type: 'integer', description: 'Days since the due date of its kind passed.' }) daysOverdue!: number;
}

export class OverdueReferralPage implements Page<OverdueReferralView> {
  @ApiProperty({ type: [OverdueReferralView] }) items!: OverdueReferralView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class FlowView {
  @ApiProperty({ format: 'uuid' }) fromOrganisationId!: string;
  @ApiProperty(NAME) fromOrganisationName!: string | null;
  @ApiProperty({ format: 'uuid' }) toOrganisationId!: string;
  @ApiProperty(NAME) toOrganisationName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Null: a regional organisation.' })
  fromMunicipalityId!: string | null;
  @ApiProperty(NAME) fromMunicipalityName!: string | null;
  @ApiProperty({ type: String, nullable: true }) toMunicipalityId!: string | null;
  @ApiProperty(NAME) toMunicipalityName!: string | null;
  @ApiProperty({ description: 'Both in a municipality, and not the same one.' }) crossMunicipality!: boolean;
  @ApiProperty({ type: 'integer' }) sent!: number;
  @ApiProperty({ type: 'integer' }) accepted!: number;
  @ApiProperty({ type: 'integer' }) declined!: number;
  @ApiProperty({ type: 'integer', description: 'With a verified service start (closed is not helped).' })
  serviceStarted!: number;
}

export class FlowMatrixView {
  @ApiProperty({ format: 'date', description: 'Default: the day after the same date a year before `sentTo`.' })
  sentFrom!: string;
  @ApiProperty({ format: 'date', description: 'Default: today.' }) sentTo!: string;
  @ApiProperty({ type: [FlowView], description: 'One row per pair of organisations with referrals in the period.' })
  flows!: FlowView[];
}

export class ResponseTimeView {
  @ApiProperty({ format: 'uuid' }) toOrganisationId!: string;
  @ApiProperty(NAME) toOrganisationName!: string | null;
  @ApiProperty({ type: 'integer' }) sent!: number;
  @ApiProperty({ type: 'integer', description: 'Accepted or declined.' }) responded!: number;
  @ApiProperty({ type: 'integer', description: 'Still unanswered.' }) awaiting!: number;
  @ApiProperty({ type: 'integer', description: 'Unanswered and past the due date.' }) overdue!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Calendar days from sending to the answer; null: none.' })
  medianResponseDays!: number | null;
}

export class ResponseTimesView {
  @ApiProperty({ format: 'date', description: 'Default: the day after the same date a year before `sentTo`.' })
  sentFrom!: string;
  @ApiProperty({ format: 'date', description: 'Default: today.' }) sentTo!: string;
  @ApiProperty({ type: [ResponseTimeView] }) organisations!: ResponseTimeView[];
}
