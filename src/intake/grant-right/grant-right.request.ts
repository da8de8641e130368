import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
import { DATE_PATTERN, DatedRequest } from '../common/dated.request';

export class GrantRightRequest extends DatedRequest {
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    description: 'Euro cents per period, where the right is an amount (a supplementary allowance).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  amountCents?: number | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The last day it is granted for (inclusive), not before `occurredOn`; omit when open-ended.',
  })
  @IsOptional()
  @IsString()
  @Matches(DATE_PATTERN, { message: 'grantedUntil must be a date (YYYY-MM-DD)' })
  grantedUntil?: string | null;
}
