import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_POPULATION } from '../domain/municipality.decider';
import { FIRST_YEAR, LAST_YEAR } from '../domain/reference-values';

/** A population figure as a request gives it (recording, correcting, or at registration). */
export class PopulationFigureFields {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_POPULATION, example: 28144 })
  @IsInt()
  @Min(0)
  @Max(MAX_POPULATION)
  population!: number;

  @ApiPropertyOptional({ default: false, description: 'True for an estimate no official source backs.' })
  @IsOptional()
  @IsBoolean()
  approximate?: boolean;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 500, example: 'Statbel, population on 1 January' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  source?: string | null;
}

export class PopulationFigureRequest extends PopulationFigureFields {
  @ApiProperty({
    type: 'integer',
    minimum: FIRST_YEAR,
    maximum: LAST_YEAR,
    description: 'Counted on 1 January of this year.',
  })
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  year!: number;
}
