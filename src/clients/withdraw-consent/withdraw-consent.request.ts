import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { type CalendarDate, isCalendarDate } from '../../shared/domain/calendar';
import type { FieldProblem } from '../../shared/domain/field-problem';
import type { InvalidFields } from '../../shared/commands/request-validation';

export class WithdrawConsentRequest {
  @ApiPropertyOptional({
    format: 'date',
    description: 'From which day the consent no longer holds (that day included); not in the future. Default today.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'withdrawnOn must be a date (YYYY-MM-DD)' })
  withdrawnOn?: string;
}

/** A real date, not after `today`. */
export function withdrawalProblems(
  request: WithdrawConsentRequest,
  today: CalendarDate,
  invalid: InvalidFields,
): FieldProblem[] {
  const { withdrawnOn } = request;
  if (withdrawnOn === undefined || !invalid.ok('withdrawnOn')) return [];
  if (!isCalendarDate(withdrawnOn))
    return [{ field: 'withdrawnOn', message: 'withdrawnOn must be a date (YYYY-MM-DD)' }];
  if (withdrawnOn > today) return [{ field: 'withdrawnOn', message: 'withdrawnOn must not be in the future' }];
  return [];
}
