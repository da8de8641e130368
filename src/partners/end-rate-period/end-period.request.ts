import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { FIRST_YEAR, LAST_YEAR } from '../domain/reference-values';

export class EndPeriodRequest {
  @ApiProperty({ type: 'integer', example: 2026, description: 'The last working year the period covers.' })
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  lastWorkingYear!: number;
}
