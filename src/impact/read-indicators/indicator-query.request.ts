import { IsIn, IsOptional, IsString } from 'class-validator';
import { PERIODS, type Period } from '../domain/periods';

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

  @IsOptional()
  @IsString()
  municipalityId?: string;

  @IsOptional()
  @IsString()
  organisationId?: string;

  @IsOptional()
  @IsString()
  asOf?: string;
}

/** `municipalityId=region`: the region's figures only. */
export const REGION = 'region';
