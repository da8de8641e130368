import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { type CalendarDate, isCalendarDate } from '../../shared/domain/calendar';
import type { FieldError } from '../../shared/domain/field-problem';
import { PageQuery } from '../../shared/http/pagination';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * What every coordination view can be narrowed to (docs/adr/0026): a period of sending dates (both ends inclusive),
 * a municipality and an organisation (on either end of the referral), and a service of the receiver.
 */
export class CoordinationFilterQuery {
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

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Referrals sent from or to an organisation of this municipality (a registered one; else 400).',
  })
  @IsOptional()
  @IsUUID('all')
  municipalityId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Referrals sent by or to this organisation (a registered one; else 400).',
  })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Referrals to this service of the receiver, exactly.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  service?: string;
}

/** The overdue list: the filters, a page at a time. */
export class OverdueQuery extends IntersectionType(CoordinationFilterQuery, PageQuery) {}

/** A filter whose shape is valid; `period` checks the dates, the handler the ids. */
export interface CoordinationFilter {
  readonly sentFrom: CalendarDate | null;
  readonly sentTo: CalendarDate | null;
  readonly municipalityId: string | null;
  readonly organisationId: string | null;
  readonly service: string | null;
}

/** What the pattern cannot check: real dates, in order. Field errors, never the values. */
export function periodErrors(query: CoordinationFilterQuery): FieldError[] {
  const errors: FieldError[] = [];
  const { sentFrom, sentTo } = query;
  if (sentFrom !== undefined && !isCalendarDate(sentFrom)) {
    errors.push({ field: 'sentFrom', messages: ['sentFrom must be a date (YYYY-MM-DD)'] });
  }
  if (sentTo !== undefined && !isCalendarDate(sentTo)) {
    errors.push({ field: 'sentTo', messages: ['sentTo must be a date (YYYY-MM-DD)'] });
  } else if (sentFrom !== undefined && sentTo !== undefined && errors.length === 0 && sentTo < sentFrom) {
    errors.push({ field: 'sentTo', messages: ['sentTo must not be before sentFrom'] });
  }
  return errors;
}

/**
 * The period a view of flows or response times covers when it is not (fully) given: the twelve months ending on
 * `sentTo`, which is today by default (docs/adr/0026).
 */
export function withDefaultPeriod(filter: CoordinationFilter, today: CalendarDate): CoordinationFilter & Period {
  const sentTo = filter.sentTo ?? (filter.sentFrom !== null && filter.sentFrom > today ? filter.sentFrom : today);
  return { ...filter, sentTo, sentFrom: filter.sentFrom ?? twelveMonthsEndingOn(sentTo) };
}

export interface Period {
  readonly sentFrom: CalendarDate;
  readonly sentTo: CalendarDate;
}

/** The first day of the twelve months ending on `date`: the day after the same date a year before. */
export function twelveMonthsEndingOn(date: CalendarDate): CalendarDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const yearBefore = new Date(Date.UTC(year - 1, month - 1, Math.min(day, month === 2 ? 28 : day)));
  yearBefore.setUTCDate(yearBefore.getUTCDate() + 1);
  return yearBefore.toISOString().slice(0, 10);
}
