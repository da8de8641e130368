import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { StepRequest } from '../common/step.request';
import { DROP_REASONS, DROPPED_BY, type DropReason, type DroppedBy } from '../domain/referral.values';

export class DropReferralRequest extends StepRequest {
  @ApiProperty({ enum: DROPPED_BY, description: 'Who ended it: the person or the service.' })
  @IsIn(DROPPED_BY)
  droppedBy!: DroppedBy;

  @ApiProperty({ enum: DROP_REASONS })
  @IsIn(DROP_REASONS)
  reason!: DropReason;
}
