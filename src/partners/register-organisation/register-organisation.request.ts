import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  ValidateIf,
} from 'class-validator';
import { MAX_RESPONSE_DEADLINE_DAYS } from '../domain/organisation.decider';
import { ORGANISATION_TYPES, type OrganisationType } from '../domain/reference-values';

export class RegisterOrganisationRequest {
  @ApiProperty({ example: 'OCMW Kortrijk', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_TYPES })
  @IsIn(ORGANISATION_TYPES)
  type!: OrganisationType;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Required for an OCMW (the municipality it serves); must be registered.',
  })
  @ValidateIf(
    (request: RegisterOrganisationRequest) =>
      request.type === 'ocmw' || (request.municipalityId !== undefined && request.municipalityId !== null),
  )
  @IsUUID('all', { message: 'municipalityId must be the id of a registered municipality (an OCMW needs one)' })
  municipalityId?: string | null;

  @ApiProperty({ type: [String], example: ['integrated broad intake', 'eviction prevention'] })
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  services!: string[];

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: MAX_RESPONSE_DEADLINE_DAYS,
    description: 'Days the organisation has to answer a referral; omit or null when it receives none.',
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
    description: 'Days from accepting a referral to the service’s start; after them it is overdue. Default 30.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RESPONSE_DEADLINE_DAYS)
  serviceStartDeadlineDays?: number;
}
