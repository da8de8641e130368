import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { StepRequest } from '../common/referral-steps';
import { REVOCATION_REASONS, type RevocationReason } from '../domain/referral.values';

export class RevokeReferralRequest extends StepRequest {
  @ApiProperty({ enum: REVOCATION_REASONS })
  @IsIn(REVOCATION_REASONS)
  reason!: RevocationReason;
}
