import { ApiProperty } from '@nestjs/swagger';
import { REFERRAL_STATUSES, type ReferralStatus } from '../domain/referral.events';

/**
 * A referral's warm hand-off, for the receiving organisation (docs/adr/0028): whom to call and in which language,
 * and the sender's note. Nothing else of the person's file.
 */
export class HandOffView {
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiProperty({ format: 'uuid', description: 'The person: open your own intake for them with this id.' })
  clientId!: string;
  @ApiProperty({ format: 'uuid', description: 'The sending organisation.' }) fromOrganisationId!: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: ReferralStatus;
  @ApiProperty({ example: 'Amélie' }) givenName!: string;
  @ApiProperty({ example: 'Van den Broeck' }) familyName!: string;
  @ApiProperty({ type: String, nullable: true, example: '+32 470 12 34 56' }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'nl', description: 'ISO 639 code; null if not recorded.' })
  preferredLanguage!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The sender’s note; null when none was written.' })
  note!: string | null;
  @ApiProperty({ type: 'integer', description: 'The referral’s revision (its `ETag`).' })
  revision!: number;
}
