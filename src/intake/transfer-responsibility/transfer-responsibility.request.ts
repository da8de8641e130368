import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IDENTIFIER_PATTERN } from '../../shared/auth/token-claims';
import { DatedRequest } from '../common/dated.request';
import { TRANSFER_REASONS, type TransferReason } from '../domain/intake.values';

export class TransferResponsibilityRequest extends DatedRequest {
  @ApiProperty({ format: 'uuid', description: 'Another active organisation that may see the person.' })
  @IsUUID('all')
  toOrganisationId!: string;

  @ApiProperty({ enum: TRANSFER_REASONS })
  @IsIn(TRANSFER_REASONS)
  reason!: TransferReason;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "The receiving organisation's caseworker (user id), when known; it may assign one later.",
  })
  @IsOptional()
  @IsString()
  @Matches(IDENTIFIER_PATTERN, { message: 'caseworkerId must be a user id' })
  caseworkerId?: string | null;
}
