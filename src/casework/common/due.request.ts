import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import type { InvalidFields } from '../../shared/commands/request-validation';
import { type CalendarDate, isCalendarDate } from '../../shared/domain/calendar';
import type { FieldProblem } from '../../shared/domain/field-problem';
import type { TaskDue } from '../domain/task.decider';
import { MAX_TASK_MONTHS } from '../domain/task.values';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** When a task is due: a day, or a number of months from today ("re-assessment after 6 months"). One of the two. */
export class DueRequest {
  @ApiPropertyOptional({
    format: 'date',
    description: 'The day it is due: today or later, in Belgium. Give this or `inMonths`.',
    example: '2027-03-01',
  })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'dueOn must be a date (YYYY-MM-DD)' })
  dueOn?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_TASK_MONTHS,
    description: 'Due this many calendar months from today (same day of the month, or its last day).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TASK_MONTHS)
  inMonths?: number;
}

/** Exactly one of `dueOn` and `inMonths`; `dueOn` a real day, not before today. Problems name `dueOn`. */
export function dueProblems(request: DueRequest, invalid: InvalidFields, date: CalendarDate): FieldProblem[] {
  if (!invalid.ok('dueOn') || !invalid.ok('inMonths')) return [];
  if (request.dueOn === undefined && request.inMonths === undefined) {
    return [{ field: 'dueOn', message: 'dueOn or inMonths is required' }];
  }
  if (request.dueOn !== undefined && request.inMonths !== undefined) {
    return [{ field: 'dueOn', message: 'dueOn and inMonths exclude each other' }];
  }
  if (request.dueOn !== undefined) {
    if (!isCalendarDate(request.dueOn)) return [{ field: 'dueOn', message: 'dueOn must be a date (YYYY-MM-DD)' }];
    if (request.dueOn < date) return [{ field: 'dueOn', message: 'dueOn must not be in the past' }];
  }
  return [];
}

/** The decider's due date of a valid request. */
export function dueOf(request: DueRequest): TaskDue {
  return request.dueOn !== undefined ? { on: request.dueOn } : { inMonths: request.inMonths! };
}
