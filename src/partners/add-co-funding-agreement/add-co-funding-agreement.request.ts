import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsEuros } from '../add-rate-period/euros.validator';
import { FIRST_YEAR, LAST_YEAR } from '../domain/reference-values';

export class AddCoFundingAgreementRequest {
  @ApiProperty({ format: 'uuid', description: 'The municipality whose contribution is co-funded.' })
  @IsUUID('all')
  municipalityId!: string;

  @ApiProperty({ example: 'Zorgbedrijf', maxLength: 200, description: 'An organisation, never a person.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  coFunderName!: string;

  @ApiProperty({ example: '0.53', description: 'The co-funder pays back the rate above this, per inhabitant.' })
  @IsEuros('baseRatePerInhabitant')
  baseRatePerInhabitant!: string;

  @ApiProperty({ type: 'integer', example: 2021, minimum: FIRST_YEAR, maximum: LAST_YEAR })
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  firstWorkingYear!: number;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'Omit or null: until further notice.',
  })
  @IsOptional()
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  lastWorkingYear?: number | null;
}
