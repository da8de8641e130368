import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PopulationFigureRequest } from './population-figure.request';

export class RegisterMunicipalityRequest {
  @ApiProperty({ example: 'Kortrijk', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: '34022', description: "Statbel's NIS code." })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'nisCode must be five digits' })
  nisCode?: string | null;

  @ApiProperty({ description: 'Member of W13 (pays a contribution).' })
  @IsBoolean()
  member!: boolean;

  @ApiPropertyOptional({ type: [PopulationFigureRequest], description: 'Figures known at registration.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PopulationFigureRequest)
  populations?: PopulationFigureRequest[];
}
