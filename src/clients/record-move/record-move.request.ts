import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, IsUUID, Matches, ValidateNested } from 'class-validator';
import { type CalendarDate, isCalendarDate } from '../../shared/domain/calendar';
import type { FieldProblem } from '../../shared/domain/field-problem';
import type { InvalidFields } from '../../shared/commands/request-validation';
import { AddressRequest, toPostalAddress } from '../common/address.request';
import { addressProblems } from '../domain/personal-details';

export class RecordMoveRequest {
  @ApiProperty({ format: 'uuid', description: 'The new municipality of residence: a registered municipality.' })
  @IsUUID('all')
  municipalityId!: string;

  @ApiProperty({ format: 'date', description: 'The day the move took effect; not in the future.' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveDate must be a date (YYYY-MM-DD)' })
  effectiveDate!: string;

  @ApiPropertyOptional({ type: AddressRequest, nullable: true, description: 'The new address, if known.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressRequest)
  address?: AddressRequest | null;
}

/** A real effective date, not after `today`; an address by the domain's rules. */
export function moveProblems(request: RecordMoveRequest, today: CalendarDate, invalid: InvalidFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (invalid.ok('effectiveDate')) {
    if (!isCalendarDate(request.effectiveDate)) {
      problems.push({ field: 'effectiveDate', message: 'effectiveDate must be a date (YYYY-MM-DD)' });
    } else if (request.effectiveDate > today) {
      problems.push({ field: 'effectiveDate', message: 'effectiveDate must not be in the future' });
    }
  }
  if (request.address && invalid.ok('address')) {
    problems.push(...addressProblems(toPostalAddress(request.address), 'address'));
  }
  return problems;
}
