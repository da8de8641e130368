import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_RESPONSE_DEADLINE_DAYS } from '../domain/organisation.decider';
import { ORGANISATION_TYPES, type OrganisationType } from '../domain/reference-values';

/** Only the fields given change; `null` clears the municipality or the response deadline. */
export class ChangeOrganisationRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_TYPES })
  @IsOptional()
  @IsIn(ORGANISATION_TYPES)
  type?: OrganisationType;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID('all', { message: 'municipalityId must be the id of a registered municipality' })
  municipalityId?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  services?: string[];

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: MAX_RESPONSE_DEADLINE_DAYS,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RESPONSE_DEADLINE_DAYS)
  responseDeadlineDays?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_RESPONSE_DEADLINE_DAYS,
    description: 'Days from accepting a referral to the service’s start; after them it is overdue.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RESPONSE_DEADLINE_DAYS)
  serviceStartDeadlineDays?: number;
}
