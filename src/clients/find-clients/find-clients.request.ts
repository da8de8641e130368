import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_NAME_LENGTH } from '../domain/client.values';

/**
 * Either an INSZ, or a given name, a family name and a birth date. In a body, not a query string: URLs end up in
 * proxies' and browsers' logs, bodies do not.
 */
export class FindClientsRequest {
  @ApiPropertyOptional({ description: '11 digits, separators allowed' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  insz?: string;

  @ApiPropertyOptional({ maxLength: MAX_NAME_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NAME_LENGTH)
  givenName?: string;

  @ApiPropertyOptional({ maxLength: MAX_NAME_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NAME_LENGTH)
  familyName?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date (YYYY-MM-DD)' })
  birthDate?: string;
}
