import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { CalendarDate } from '../../shared/domain/calendar';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { AddressRequest, toPostalAddress } from '../common/address.request';
import { INCOME_SOURCES, type IncomeSource, MAX_HOUSEHOLD_MEMBERS, MAX_NAME_LENGTH } from '../domain/client.values';
import { householdProblems, type PersonalDetails, personalDetailsProblems } from '../domain/personal-details';

export class HouseholdRequest {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_HOUSEHOLD_MEMBERS, example: 1 })
  @IsInt()
  @Min(0)
  @Max(MAX_HOUSEHOLD_MEMBERS)
  adults!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_HOUSEHOLD_MEMBERS, example: 2 })
  @IsInt()
  @Min(0)
  @Max(MAX_HOUSEHOLD_MEMBERS)
  children!: number;
}

export class RegisterClientRequest {
  @ApiProperty({ maxLength: MAX_NAME_LENGTH }) @IsString() @MaxLength(MAX_NAME_LENGTH) givenName!: string;
  @ApiProperty({ maxLength: MAX_NAME_LENGTH }) @IsString() @MaxLength(MAX_NAME_LENGTH) familyName!: string;

  @ApiProperty({ format: 'date', description: 'Not in the future, not before 1900.' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date (YYYY-MM-DD)' })
  birthDate!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'National register or BIS number (INSZ), 11 digits, separators allowed; checked (mod 97, both centuries) and ' +
      'matched against birthDate. Omit for people without one.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  insz?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 30 })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 3,
    example: 'nl',
    description: 'The language the person prefers (ISO 639 code, lower case: `nl`, `fr`, `ar`…); sealed.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(3)
  preferredLanguage?: string | null;

  @ApiPropertyOptional({ type: AddressRequest, nullable: true, description: 'Omit for people without a home address.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressRequest)
  address?: AddressRequest | null;

  @ApiProperty({ format: 'uuid', description: 'The municipality of residence: a registered municipality.' })
  @IsUUID('all')
  municipalityId!: string;

  @ApiProperty({ type: HouseholdRequest })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => HouseholdRequest)
  household!: HouseholdRequest;

  @ApiProperty({ enum: INCOME_SOURCES })
  @IsIn(INCOME_SOURCES)
  mainIncomeSource!: IncomeSource;
}

/** The rules on the personal details and the household that need only the date (a birth date in the future). */
export function registrationProblems(request: RegisterClientRequest, today: CalendarDate): FieldProblem[] {
  return [
    ...personalDetailsProblems(detailsOf(request), today),
    ...householdProblems(request.household ?? { adults: 0, children: 0 }),
  ];
}

/** The personal details a request names; anything malformed reads as blank (its field is reported already). */
export function detailsOf(request: RegisterClientRequest): PersonalDetails {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const optional = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
  return {
    givenName: text(request.givenName),
    familyName: text(request.familyName),
    birthDate: text(request.birthDate),
    insz: optional(request.insz),
    phone: optional(request.phone),
    preferredLanguage: optional(request.preferredLanguage),
    address:
      request.address === undefined || request.address === null || typeof request.address !== 'object'
        ? null
        : toPostalAddress({
            street: text(request.address.street),
            houseNumber: text(request.address.houseNumber),
            box: optional(request.address.box),
            postalCode: text(request.address.postalCode),
            place: text(request.address.place),
          }),
  };
}
