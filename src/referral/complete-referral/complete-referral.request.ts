import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { StepRequest } from '../common/step.request';
import { COMPLETION_OUTCOMES, type CompletionOutcome } from '../domain/referral.values';

export class CompleteReferralRequest extends StepRequest {
  @ApiProperty({ enum: COMPLETION_OUTCOMES })
  @IsIn(COMPLETION_OUTCOMES)
  outcome!: CompletionOutcome;

  @ApiPropertyOptional({
    maxLength: 2000,
    description: 'Feedback to the sender, sealed with the person’s key (erasure reaches it); shown to both parties.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  feedback?: string;
}
