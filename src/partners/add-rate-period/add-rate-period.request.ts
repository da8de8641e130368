import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { FIRST_YEAR, LAST_YEAR } from '../domain/reference-values';
import { IsEuros } from './euros.validator';

export class AddRatePeriodRequest {
  @ApiProperty({ example: '1.00', description: 'Euros per inhabitant, as exact decimal text.' })
  @IsEuros('ratePerInhabitant')
  ratePerInhabitant!: string;

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

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 200, example: 'New statutes' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  basis?: string | null;
}
