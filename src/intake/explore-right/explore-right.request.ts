import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { DatedRequest } from '../common/dated.request';

export class ExploreRightRequest extends DatedRequest {
  @ApiProperty({
    format: 'uuid',
    description: "A right of the rights catalogue that applies in the person's municipality on `occurredOn`.",
  })
  @IsUUID('all')
  rightId!: string;

  @ApiPropertyOptional({ format: 'uuid', type: String, nullable: true, description: 'The need it answers.' })
  @IsOptional()
  @IsUUID('all')
  needId?: string | null;
}
