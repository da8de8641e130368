import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { type CalendarDate, isCalendarDate } from '../../shared/domain/calendar';
import type { FieldProblem } from '../../shared/domain/field-problem';
import type { RequestChecks } from '../../shared/commands/request-validation';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The body every step takes: when it happened (facts arrive late), today when omitted. */
export class StepRequest {
  @ApiPropertyOptional({ format: 'date', description: 'When it happened; defaults to today, never in the future.' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'occurredOn must be a date (YYYY-MM-DD)' })
  occurredOn?: string;
}

/** `occurredOn`: a real date, not after today in Belgium. */
export function occurredOnChecks(date: CalendarDate): RequestChecks<StepRequest> {
  return (request, invalid) => {
    const problems: FieldProblem[] = [];
    if (invalid.ok('occurredOn') && request.occurredOn !== undefined) {
      if (!isCalendarDate(request.occurredOn)) {
        problems.push({ field: 'occurredOn', message: 'occurredOn must be a date (YYYY-MM-DD)' });
      } else if (request.occurredOn > date) {
        problems.push({ field: 'occurredOn', message: 'occurredOn must not be in the future' });
      }
    }
    return problems;
  };
}
