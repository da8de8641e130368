import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Matches } from 'class-validator';
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

  @ApiProperty({
    example: 'menen-worker-1',
    description:
      "The receiving organisation's caseworker (user id), agreed with it in the warm transfer; it may reassign " +
      'the trajectory afterwards (`POST …/caseworker`). Required, so that the trajectory never shows no caseworker ' +
      '(docs/adr/0028).',
  })
  @IsString()
  @Matches(IDENTIFIER_PATTERN, { message: 'caseworkerId must be a user id' })
  caseworkerId!: string;
}
