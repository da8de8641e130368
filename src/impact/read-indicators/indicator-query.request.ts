import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { PERIODS, type Period } from '../domain/periods';

/** `municipalityId=region`: the region's figures only. */
export const REGION = 'region';

const MUNICIPALITY_FILTER = /^(?:region|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The query string of `GET /impact/indicators/{code}`; the checks needing the clock or a look-up come after. */
export class IndicatorQueryRequest {
  @IsOptional()
  @IsIn(PERIODS, { message: `must be one of ${PERIODS.join(', ')}` })
  period?: Period;

  @IsOptional()
  @IsString()
  from?: string;

  @IsOptional()
  @IsString()
  to?: string;

  // Ids are checked for their shape before a look-up ever sees them.
  @IsOptional()
  @IsString()
  @Matches(MUNICIPALITY_FILTER, { message: 'municipalityId must be a municipality id (a UUID) or "region"' })
  municipalityId?: string;

  @IsOptional()
  @IsUUID('all', { message: 'organisationId must be an organisation id (a UUID)' })
  organisationId?: string;

  @IsOptional()
  @IsString()
  asOf?: string;
}
