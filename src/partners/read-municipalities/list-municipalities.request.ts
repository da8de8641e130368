import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { BooleanQuery } from '../common/boolean-query';
import { PageQuery } from '../common/pagination';

export class ListMunicipalitiesRequest extends PageQuery {
  @ApiPropertyOptional({ description: 'Only members of W13 (true) or only others (false).' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  member?: boolean;
}
