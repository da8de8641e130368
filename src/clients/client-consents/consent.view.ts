import { ApiProperty } from '@nestjs/swagger';
import { CONSENT_SCOPES, type ConsentScope } from '../domain/client.values';

export class ConsentView {
  @ApiProperty({ format: 'uuid' }) consentId!: string;
  @ApiProperty({ enum: CONSENT_SCOPES }) scope!: ConsentScope;
  @ApiProperty({ type: String, nullable: true, description: 'For `share_with_organisation`: with whom.' })
  organisationId!: string | null;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Inclusive; null: until withdrawn.' })
  validUntil!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) withdrawnOn!: string | null;
  @ApiProperty({ description: 'The organisation that recorded it.' }) recordedBy!: string;
}
