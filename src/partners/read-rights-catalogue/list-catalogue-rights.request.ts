import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { BooleanQuery } from '../../shared/http/boolean-query';
import { PageQuery } from '../../shared/http/pagination';
import { LIFE_DOMAINS, type LifeDomain, RIGHT_LEVELS, type RightLevel } from '../domain/reference-values';

export class ListCatalogueRightsRequest extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "A municipality's catalogue: its local rights and every Flemish and federal right.",
  })
  @IsOptional()
  @IsUUID('all')
  municipalityId?: string;

  @ApiPropertyOptional({ enum: RIGHT_LEVELS })
  @IsOptional()
  @IsIn(RIGHT_LEVELS)
  level?: RightLevel;

  @ApiPropertyOptional({ enum: LIFE_DOMAINS })
  @IsOptional()
  @IsIn(LIFE_DOMAINS)
  lifeDomain?: LifeDomain;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  includeRetired?: boolean;
}
