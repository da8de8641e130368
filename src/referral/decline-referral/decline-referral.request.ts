import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { StepRequest } from '../common/step.request';
import { DECLINE_REASONS, type DeclineReason } from '../domain/referral.values';

export class DeclineReferralRequest extends StepRequest {
  @ApiProperty({ enum: DECLINE_REASONS })
  @IsIn(DECLINE_REASONS)
  reason!: DeclineReason;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Free text for the sender, sealed with the person’s key (erasure reaches it).',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  explanation?: string;
}
