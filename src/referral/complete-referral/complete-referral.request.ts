import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { StepRequest } from '../common/step.request';
import { COMPLETION_OUTCOMES, type CompletionOutcome } from '../domain/referral.values';

export class CompleteReferralRequest extends StepRequest {
  @ApiProperty({ enum: COMPLETION_OUTCOMES })
  @IsIn(COMPLETION_OUTCOMES)
  outcome!: CompletionOutcome;
}
