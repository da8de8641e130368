import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { LIFE_DOMAINS, type LifeDomain } from '../../shared/domain/life-domains';
import { DatedRequest } from '../common/dated.request';
import { UNMET_NEED_REASONS, type UnmetNeedReason } from '../domain/intake.values';

export class SignalUnmetNeedRequest extends DatedRequest {
  @ApiProperty({ enum: LIFE_DOMAINS })
  @IsIn(LIFE_DOMAINS)
  lifeDomain!: LifeDomain;

  @ApiProperty({
    enum: UNMET_NEED_REASONS,
    description: 'Why no partner can answer it now; the `*_threshold` reasons are the thresholds GBO signals.',
  })
  @IsIn(UNMET_NEED_REASONS)
  reason!: UnmetNeedReason;

  @ApiPropertyOptional({ format: 'uuid', type: String, nullable: true, description: 'The recorded need it concerns.' })
  @IsOptional()
  @IsUUID('all')
  needId?: string | null;
}
