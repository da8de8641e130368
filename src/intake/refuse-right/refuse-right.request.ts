import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { DatedRequest } from '../common/dated.request';
import { RIGHT_REFUSAL_REASONS, type RightRefusalReason } from '../domain/intake.values';

export class RefuseRightRequest extends DatedRequest {
  @ApiProperty({ enum: RIGHT_REFUSAL_REASONS })
  @IsIn(RIGHT_REFUSAL_REASONS)
  reason!: RightRefusalReason;
}
