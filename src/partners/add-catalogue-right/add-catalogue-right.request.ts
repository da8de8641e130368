import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { LIFE_DOMAINS, type LifeDomain, RIGHT_LEVELS, type RightLevel } from '../domain/reference-values';

export class AddCatalogueRightRequest {
  @ApiProperty({ example: 'Sociaal tarief voor energie', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: LIFE_DOMAINS })
  @IsIn(LIFE_DOMAINS)
  lifeDomain!: LifeDomain;

  @ApiProperty({ enum: RIGHT_LEVELS, description: 'Flemish and federal rights apply in every municipality.' })
  @IsIn(RIGHT_LEVELS)
  level!: RightLevel;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Required for a local right (a registered municipality); none for Flemish and federal rights.',
  })
  @ValidateIf(
    (request: AddCatalogueRightRequest) =>
      request.level === 'local' || (request.municipalityId !== undefined && request.municipalityId !== null),
  )
  @IsUUID('all', { message: 'municipalityId must be the id of a registered municipality (a local right needs one)' })
  municipalityId?: string | null;
}
