import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { StepRequest } from '../common/step.request';
import { REVOCATION_REASONS, type RevocationReason } from '../domain/referral.values';

export class RevokeReferralRequest extends StepRequest {
  @ApiProperty({ enum: REVOCATION_REASONS })
  @IsIn(REVOCATION_REASONS)
  reason!: RevocationReason;
}
