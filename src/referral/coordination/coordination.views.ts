import { ApiProperty } from '@nestjs/swagger';
import { LIFE_DOMAINS, type LifeDomain } from '../../shared/domain/life-domains';
import type { Page } from '../../shared/http/pagination';

/**
 * The coordinators' views (docs/adr/0015): organisations, municipalities, codes, dates and counts. Never a person's
 * id, a trajectory, a need or a note: coordinators follow flows, not case files.
 */
export class StatusCountsView {
  @ApiProperty({ type: String, format: 'date', nullable: true }) sentFrom!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) sentTo!: string | null;
  @ApiProperty({ format: 'date', description: 'The day overdue is computed for.' }) today!: string;
  @ApiProperty({
    description: 'Referrals per status (every status listed, zero included).',
    example: { sent: 4, accepted: 2, declined: 1 },
  })
  byStatus!: Record<string, number>;
  @ApiProperty({ type: 'integer', description: 'Of the `sent` ones, those past their due date.' }) overdue!: number;
  @ApiProperty({ type: 'integer' }) total!: number;
}

export class OverdueReferralView {
  @ApiProperty({ format: 'uuid', description: 'To revoke it, or to ask the organisations about it.' })
  referralId!: string;
  @ApiProperty({ format: 'uuid' }) fromOrganisationId!: string;
  @ApiProperty({ format: 'uuid' }) toOrganisationId!: string;
  @ApiProperty({ type: String, nullable: true }) fromMunicipalityId!: string | null;
  @ApiProperty({ type: String, nullable: true }) toMunicipalityId!: string | null;
  @ApiProperty({ type: String, nullable: true }) service!: string | null;
  @ApiProperty({ enum: LIFE_DOMAINS }) lifeDomain!: LifeDomain;
  @ApiProperty() warm!: boolean;
  @ApiProperty({ format: 'date' }) sentOn!: string;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ type: 'integer' }) daysOverdue!: number;
}

export class OverdueReferralPage implements Page<OverdueReferralView> {
  @ApiProperty({ type: [OverdueReferralView] }) items!: OverdueReferralView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class FlowView {
  @ApiProperty({ format: 'uuid' }) fromOrganisationId!: string;
  @ApiProperty({ format: 'uuid' }) toOrganisationId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null: a regional organisation.' })
  fromMunicipalityId!: string | null;
  @ApiProperty({ type: String, nullable: true }) toMunicipalityId!: string | null;
  @ApiProperty({ description: 'Both in a municipality, and not the same one.' }) crossMunicipality!: boolean;
  @ApiProperty({ type: 'integer' }) sent!: number;
  @ApiProperty({ type: 'integer' }) accepted!: number;
  @ApiProperty({ type: 'integer' }) declined!: number;
  @ApiProperty({ type: 'integer', description: 'With a verified service start (closed is not helped).' })
  serviceStarted!: number;
}

export class FlowMatrixView {
  @ApiProperty({ format: 'date' }) sentFrom!: string;
  @ApiProperty({ format: 'date' }) sentTo!: string;
  @ApiProperty({ type: [FlowView], description: 'One row per pair of organisations with referrals in the period.' })
  flows!: FlowView[];
}

export class ResponseTimeView {
  @ApiProperty({ format: 'uuid' }) toOrganisationId!: string;
  @ApiProperty({ type: 'integer' }) sent!: number;
  @ApiProperty({ type: 'integer', description: 'Accepted or declined.' }) responded!: number;
  @ApiProperty({ type: 'integer', description: 'Still unanswered.' }) awaiting!: number;
  @ApiProperty({ type: 'integer', description: 'Unanswered and past the due date.' }) overdue!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Calendar days from sending to the answer; null: none.' })
  medianResponseDays!: number | null;
}

export class ResponseTimesView {
  @ApiProperty({ format: 'date' }) sentFrom!: string;
  @ApiProperty({ format: 'date' }) sentTo!: string;
  @ApiProperty({ type: [ResponseTimeView] }) organisations!: ResponseTimeView[];
}
