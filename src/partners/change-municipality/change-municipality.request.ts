import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Only the fields given change; `null` clears the NIS code. */
export class ChangeMunicipalityRequest {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: '34022' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'nisCode must be five digits' })
  nisCode?: string | null;

  @ApiPropertyOptional({ description: 'Member of W13 (pays a contribution).' })
  @IsOptional()
  @IsBoolean()
  member?: boolean;
}
