import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IDENTIFIER_PATTERN } from '../../shared/auth/token-claims';
import { PageQuery } from '../../shared/http/pagination';

export const CASELOAD_STATUSES = ['open', 'closed', 'all'] as const;

export class ListCaseloadRequest extends PageQuery {
  @ApiPropertyOptional({ description: "One caseworker's caseload (user id)." })
  @IsOptional()
  @IsString()
  @Matches(IDENTIFIER_PATTERN, { message: 'caseworkerId must be a user id' })
  caseworkerId?: string;

  @ApiPropertyOptional({ enum: CASELOAD_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(CASELOAD_STATUSES)
  status?: (typeof CASELOAD_STATUSES)[number];
}
