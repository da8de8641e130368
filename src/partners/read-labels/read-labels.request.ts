import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { type Language, LANGUAGES } from '../labels/labels';

export class ReadLabelsRequest {
  @ApiPropertyOptional({ enum: LANGUAGES, default: 'nl', description: '`nl` (nl-BE) or `en`.' })
  @IsOptional()
  @IsIn(LANGUAGES, { message: 'lang must be nl or en' })
  lang?: Language;
}
