import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

export class WithdrawConsentRequest {
  @ApiPropertyOptional({
    format: 'date',
    description: 'From which day the consent no longer holds (that day included); not in the future. Default today.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'withdrawnOn must be a date (YYYY-MM-DD)' })
  withdrawnOn?: string;
}
