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
import { AddressRequest } from '../common/address.request';
import { INCOME_SOURCES, type IncomeSource, MAX_HOUSEHOLD_MEMBERS, MAX_NAME_LENGTH } from '../domain/client.values';

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
