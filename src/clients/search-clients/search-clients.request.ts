import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { CalendarDate } from '../../shared/domain/calendar';
import { EARLIEST_BIRTH_DATE } from '../../shared/domain/calendar';
import type { FieldProblem } from '../../shared/domain/field-problem';
import type { InvalidFields } from '../../shared/commands/request-validation';
import { MAX_NAME_LENGTH } from '../domain/client.values';
import { MIN_SEARCH_NAME_LENGTH, searchNameKey } from '../domain/personal-details';

const EARLIEST_BIRTH_YEAR = Number(EARLIEST_BIRTH_DATE.slice(0, 4));

/**
 * A search by family name, compared as docs/adr/0028 folds names (case, accents, spaces, `Van`/`van`), optionally
 * narrowed by given name or birth year. In a body, not a query string: names in URLs end up in proxies' logs.
 */
export class SearchClientsRequest {
  @ApiProperty({ maxLength: MAX_NAME_LENGTH, example: 'Van den Broeck', description: 'At least 2 letters.' })
  @IsString()
  @MaxLength(MAX_NAME_LENGTH)
  familyName!: string;

  @ApiPropertyOptional({ maxLength: MAX_NAME_LENGTH, example: 'Amélie', description: 'Compared as the family name.' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NAME_LENGTH)
  givenName?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: EARLIEST_BIRTH_YEAR, maximum: 9999, example: 1985 })
  @IsOptional()
  @IsInt()
  @Min(EARLIEST_BIRTH_YEAR)
  @Max(9999)
  birthYear?: number;
}

/** A family name of at least two letters once folded, a given name with one, a birth year not in the future. */
export function searchProblems(today: CalendarDate) {
  return (request: SearchClientsRequest, invalid: InvalidFields): FieldProblem[] => {
    const problems: FieldProblem[] = [];
    if (invalid.ok('familyName') && searchNameKey(request.familyName).length < MIN_SEARCH_NAME_LENGTH) {
      problems.push({
        field: 'familyName',
        message: `familyName must have at least ${MIN_SEARCH_NAME_LENGTH} letters`,
      });
    }
    if (request.givenName !== undefined && invalid.ok('givenName') && searchNameKey(request.givenName) === '') {
      problems.push({ field: 'givenName', message: 'givenName must have a letter' });
    }
    if (request.birthYear !== undefined && invalid.ok('birthYear') && request.birthYear > Number(today.slice(0, 4))) {
      problems.push({ field: 'birthYear', message: 'birthYear must not be in the future' });
    }
    return problems;
  };
}
