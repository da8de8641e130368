import { ApiProperty } from '@nestjs/swagger';

/** A person's contact details after a change. */
export class ContactDetailsView {
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 639 code.' }) preferredLanguage!: string | null;
  @ApiProperty({ type: 'integer', description: 'The revision; send it back as `If-Match: "<revision>"`.' })
  revision!: number;
}
