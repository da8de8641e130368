import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { FIRST_YEAR, LAST_YEAR } from '../domain/reference-values';

/** Path parameters, validated like bodies: a malformed id is a 400 naming the parameter. */
export class OrganisationParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  organisationId!: string;
}

export class MunicipalityParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  municipalityId!: string;
}

export class PopulationParams extends MunicipalityParams {
  @ApiProperty({ type: 'integer', description: 'The population is counted on 1 January of this year.' })
  @Type(() => Number)
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  year!: number;
}

export class CatalogueRightParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  rightId!: string;
}

export class RatePeriodParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  ratePeriodId!: string;
}

export class CoFundingAgreementParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  agreementId!: string;
}

export class WorkingYearParams {
  @ApiProperty({ type: 'integer', example: 2025 })
  @Type(() => Number)
  @IsInt()
  @Min(FIRST_YEAR)
  @Max(LAST_YEAR)
  workingYear!: number;
}
