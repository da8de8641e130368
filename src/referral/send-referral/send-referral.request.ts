import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { LIFE_DOMAINS, type LifeDomain } from '../../shared/domain/life-domains';
import type { FieldProblem } from '../../shared/domain/field-problem';
import type { InvalidFields, RequestChecks } from '../../shared/commands/request-validation';
import type { CalendarDate } from '../../shared/domain/calendar';
import { occurredOnChecks, StepRequest } from '../common/step.request';
import { REFERRAL_CONSENT_BASES, type ReferralConsentBasis } from '../domain/referral.values';

/**
 * Where a referral goes and what it carries: shared by sending and sending again. `occurredOn`: the day it was sent,
 * for a referral registered late (default today; never in the future nor before the trajectory was opened); the due
 * date counts from it (docs/adr/0026).
 */
export class ReferralTargetRequest extends StepRequest {
  @ApiProperty({ format: 'uuid', description: 'A registered, active organisation with a response deadline.' })
  @IsUUID('all')
  toOrganisationId!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'One of the organisation’s services (as its directory entry names them); omit for the whole.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  service?: string | null;

  @ApiPropertyOptional({ default: false, description: 'A warm handover: introduced in person or by phone.' })
  @IsOptional()
  @IsBoolean()
  warm?: boolean;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'For the receiver, sealed with the person’s key; not allowed with `consentBasis: none`.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({
    enum: REFERRAL_CONSENT_BASES,
    description:
      'The consent it rests on. Omitted: a valid `share_with_organisation` consent naming the receiver, else a ' +
      'valid `share_for_referrals` one; neither → 409 `CONSENT_REQUIRED`. `none`: an anonymous signal (no person, ' +
      'no note).',
  })
  @IsOptional()
  @IsIn(REFERRAL_CONSENT_BASES)
  consentBasis?: ReferralConsentBasis;
}

export class SendReferralRequest extends ReferralTargetRequest {
  @ApiProperty({ format: 'uuid', description: 'The intake trajectory it is sent from (your organisation’s).' })
  @IsUUID('all')
  trajectoryId!: string;

  @ApiProperty({ enum: LIFE_DOMAINS })
  @IsIn(LIFE_DOMAINS)
  lifeDomain!: LifeDomain;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The trajectory’s need it answers (of the same life domain).',
  })
  @IsOptional()
  @IsUUID('all')
  needId?: string | null;
}

/** Every check of a sending's body beyond its shape: the note's consent, and `occurredOn` not after `today`. */
export function sendingChecks(today: CalendarDate): RequestChecks<ReferralTargetRequest> {
  const dated = occurredOnChecks(today);
  return async (request, invalid) => [...noteProblems(request, invalid), ...(await dated(request, invalid))];
}

/** A note shares the person: an anonymous signal (`consentBasis: none`) carries none. */
export function noteProblems(request: ReferralTargetRequest, invalid: InvalidFields): FieldProblem[] {
  if (invalid.ok('note') && invalid.ok('consentBasis') && request.consentBasis === 'none' && request.note) {
    return [{ field: 'note', message: 'note is not allowed with consentBasis none' }];
  }
  return [];
}
