import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { isCalendarDate } from '../../shared/domain/calendar';
import type { FieldProblem } from '../../shared/domain/field-problem';
import type { InvalidFields } from '../../shared/commands/request-validation';
import { MAX_NAME_LENGTH } from '../domain/client.values';
import { checkInsz, INSZ_PROBLEM_MESSAGES } from '../domain/insz';

/**
 * Either an INSZ, or a given name, a family name and a birth date. In a body, not a query string: URLs end up in
 * proxies' and browsers' logs, bodies do not.
 */
export class FindClientsRequest {
  @ApiPropertyOptional({ description: '11 digits, separators allowed' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  insz?: string;

  @ApiPropertyOptional({ maxLength: MAX_NAME_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NAME_LENGTH)
  givenName?: string;

  @ApiPropertyOptional({ maxLength: MAX_NAME_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NAME_LENGTH)
  familyName?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date (YYYY-MM-DD)' })
  birthDate?: string;
}

/** An INSZ that checks out, or all three of name and birth date: not both, not neither. */
export function lookupProblems(request: FindClientsRequest, invalid: InvalidFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const byName = [request.givenName, request.familyName, request.birthDate];
  if (request.insz !== undefined) {
    if (byName.some((value) => value !== undefined)) {
      problems.push({ field: 'insz', message: 'give an INSZ, or a name and birth date, not both' });
    } else if (invalid.ok('insz')) {
      const check = checkInsz(request.insz);
      if (!check.valid) problems.push({ field: 'insz', message: INSZ_PROBLEM_MESSAGES[check.problem] });
    }
  } else {
    for (const field of ['givenName', 'familyName', 'birthDate'] as const) {
      // The shape may be wrong too (an object where a name goes): that is its own error, listed already.
      const value: unknown = request[field];
      if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
        problems.push({ field, message: `${field} is required without an INSZ` });
      }
    }
    if (request.birthDate !== undefined && invalid.ok('birthDate') && !isCalendarDate(request.birthDate)) {
      problems.push({ field: 'birthDate', message: 'birthDate must be a date (YYYY-MM-DD)' });
    }
  }
  return problems.filter((problem) => invalid.ok(problem.field) || problem.field === 'insz');
}
