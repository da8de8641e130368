import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { BooleanQuery } from '../../shared/http/boolean-query';
import { PageQuery } from '../../shared/http/pagination';

export class ListMunicipalitiesRequest extends PageQuery {
  @ApiPropertyOptional({ description: 'Only members of W13 (true) or only others (false).' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  member?: boolean;
}
