import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Every intake command says when its fact happened (facts arrive late); today by default. */
export class DatedRequest {
  @ApiPropertyOptional({
    format: 'date',
    description:
      'When it happened (in Belgium). Defaults to today; never in the future, never before the trajectory was opened.',
  })
  @IsOptional()
  @IsString()
  @Matches(DATE_PATTERN, { message: 'occurredOn must be a date (YYYY-MM-DD)' })
  occurredOn?: string;
}
