import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { LIFE_DOMAINS, type LifeDomain } from '../domain/reference-values';

/** Name and life domain can change; a different level or municipality is a different right. */
export class ChangeCatalogueRightRequest {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: LIFE_DOMAINS })
  @IsOptional()
  @IsIn(LIFE_DOMAINS)
  lifeDomain?: LifeDomain;
}
