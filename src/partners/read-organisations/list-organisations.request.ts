import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { BooleanQuery } from '../../shared/http/boolean-query';
import { PageQuery } from '../../shared/http/pagination';
import { ORGANISATION_TYPES, type OrganisationType } from '../domain/reference-values';

export class ListOrganisationsRequest extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANISATION_TYPES })
  @IsOptional()
  @IsIn(ORGANISATION_TYPES)
  type?: OrganisationType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  municipalityId?: string;

  @ApiPropertyOptional({
    minLength: 2,
    maxLength: 100,
    description:
      'The service directory: organisations offering a service whose name holds this text, whatever its case and ' +
      'accents (`Eviction` finds "eviction prevention").',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  service?: string;

  @ApiPropertyOptional({ default: false, description: 'Include deactivated organisations.' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  includeInactive?: boolean;
}
