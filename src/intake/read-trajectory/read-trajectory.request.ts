import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

/** A date, or an instant with its offset (`Z` or `+01:00`). */
const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export const AS_OF_AXES = ['occurred', 'recorded'] as const;
export type AsOfAxis = (typeof AS_OF_AXES)[number];

export class ReadTrajectoryRequest {
  @ApiPropertyOptional({
    description:
      'The trajectory as of this date (`YYYY-MM-DD`) or instant (ISO-8601 with offset), folded from its events: ' +
      'on the `occurred` axis the facts that happened on or before that date (an instant reads as its date in ' +
      'Belgium); on the `recorded` axis the events recorded up to that instant (a date: up to the end of that day ' +
      'in Belgium).',
  })
  @IsOptional()
  @IsString()
  @Matches(DATE_OR_INSTANT, { message: 'asOf must be a date (YYYY-MM-DD) or an instant with its offset' })
  asOf?: string;

  @ApiPropertyOptional({ enum: AS_OF_AXES, default: 'occurred', description: 'With `asOf` only.' })
  @IsOptional()
  @IsIn(AS_OF_AXES)
  axis?: AsOfAxis;
}
