import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
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

  @ApiPropertyOptional({ default: false, description: 'Include deactivated organisations.' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  includeInactive?: boolean;
}
