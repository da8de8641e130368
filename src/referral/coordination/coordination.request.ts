import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { isCalendarDate } from '../../shared/domain/calendar';
import { InvalidInput } from '../../shared/domain/domain-error';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An optional period of sending dates, both ends inclusive. */
export class OptionalPeriodQuery {
  @ApiPropertyOptional({ format: 'date', description: 'Sent on or after (inclusive).' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'sentFrom must be a date (YYYY-MM-DD)' })
  sentFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Sent on or before (inclusive).' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'sentTo must be a date (YYYY-MM-DD)' })
  sentTo?: string;
}

/** A period of sending dates, both ends inclusive and required. */
export class PeriodQuery {
  @ApiProperty({ format: 'date', description: 'Sent on or after (inclusive).' })
  @IsString()
  @Matches(DATE, { message: 'sentFrom must be a date (YYYY-MM-DD)' })
  sentFrom!: string;

  @ApiProperty({ format: 'date', description: 'Sent on or before (inclusive).' })
  @IsString()
  @Matches(DATE, { message: 'sentTo must be a date (YYYY-MM-DD)' })
  sentTo!: string;
}

/** What the pattern cannot check: real dates, in order. One 400 naming every field. */
export function checkPeriod(query: OptionalPeriodQuery): { sentFrom: string | null; sentTo: string | null } {
  const sentFrom = query.sentFrom ?? null;
  const sentTo = query.sentTo ?? null;
  const errors: { field: string; messages: string[] }[] = [];
  if (sentFrom !== null && !isCalendarDate(sentFrom)) {
    errors.push({ field: 'sentFrom', messages: ['sentFrom must be a date (YYYY-MM-DD)'] });
  }
  if (sentTo !== null && !isCalendarDate(sentTo)) {
    errors.push({ field: 'sentTo', messages: ['sentTo must be a date (YYYY-MM-DD)'] });
  } else if (sentFrom !== null && sentTo !== null && errors.length === 0 && sentTo < sentFrom) {
    errors.push({ field: 'sentTo', messages: ['sentTo must not be before sentFrom'] });
  }
  if (errors.length > 0) throw InvalidInput.fields(errors);
  return { sentFrom, sentTo };
}
