import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { CONSENT_SCOPES, type ConsentScope } from '../domain/client.values';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class GiveConsentRequest {
  @ApiProperty({ enum: CONSENT_SCOPES })
  @IsIn(CONSENT_SCOPES)
  scope!: ConsentScope;

  @ApiPropertyOptional({
    format: 'uuid',
    type: String,
    nullable: true,
    description: 'Required for `share_with_organisation` (a registered organisation); not allowed otherwise.',
  })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string | null;

  @ApiPropertyOptional({ format: 'date', description: 'Defaults to today.' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'validFrom must be a date (YYYY-MM-DD)' })
  validFrom?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Inclusive, not before validFrom; omit or null: until withdrawn.',
  })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'validUntil must be a date (YYYY-MM-DD)' })
  validUntil?: string | null;

  @ApiPropertyOptional({
    type: String,
    description:
      "The person's INSZ, when an organisation that does not see the person yet records their consent to share " +
      'with itself (the person is at its desk): it must be the INSZ the person was registered with. Checked, never stored.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  insz?: string;
}
