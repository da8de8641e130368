import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IDENTIFIER_PATTERN } from '../../shared/auth/token-claims';
import { DatedRequest } from '../common/dated.request';
import {
  INTAKE_ORIGINS,
  type IntakeOrigin,
  PROACTIVE_SIGNAL_SOURCES,
  type ProactiveSignalSource,
} from '../domain/intake.values';

export class OpenIntakeRequest extends DatedRequest {
  @ApiProperty({ format: 'uuid', description: 'The person: registered, and seen by your organisation.' })
  @IsUUID('all')
  clientId!: string;

  @ApiProperty({ enum: INTAKE_ORIGINS })
  @IsIn(INTAKE_ORIGINS)
  origin!: IntakeOrigin;

  @ApiPropertyOptional({
    format: 'uuid',
    type: String,
    nullable: true,
    description: 'The partner that referred the person: required for `referred_by_partner`, not allowed otherwise.',
  })
  @IsOptional()
  @IsUUID('all')
  referringOrganisationId?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    type: String,
    nullable: true,
    description:
      'The open referral that sends the person to your organisation (`referred_by_partner` only): with it, you may ' +
      'open an intake for a person you see only through its warm hand-off, while its consent holds (docs/adr/0028).',
  })
  @IsOptional()
  @IsUUID('all')
  referralId?: string | null;

  @ApiPropertyOptional({
    enum: PROACTIVE_SIGNAL_SOURCES,
    nullable: true,
    description: 'Where the signal came from: required for `proactive_signal`, not allowed otherwise.',
  })
  @IsOptional()
  @IsIn(PROACTIVE_SIGNAL_SOURCES)
  signalSource?: ProactiveSignalSource | null;

  @ApiPropertyOptional({ description: "The caseworker's user id; defaults to you." })
  @IsOptional()
  @IsString()
  @Matches(IDENTIFIER_PATTERN, { message: 'caseworkerId must be a user id' })
  caseworkerId?: string;
}
