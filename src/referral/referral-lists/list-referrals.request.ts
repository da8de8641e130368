import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { BooleanQuery } from '../../shared/http/boolean-query';
import { PageQuery } from '../../shared/http/pagination';
import { REFERRAL_STATUSES, type ReferralStatus } from '../domain/referral.events';

export class ListReferralsRequest extends PageQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @ApiPropertyOptional({ type: Boolean, description: '`true`: only the overdue; `false`: none of them.' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  overdue?: boolean;
}
