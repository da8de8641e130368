import { ApiProperty } from '@nestjs/swagger';

/** A case note as the responsible organisation reads it. */
export class CaseNoteView {
  @ApiProperty({ format: 'uuid' }) noteId!: string;
  @ApiProperty({ format: 'uuid' }) trajectoryId!: string;
  @ApiProperty({ format: 'uuid', description: 'The organisation that wrote it (responsible then).' })
  organisationId!: string;
  @ApiProperty({ description: 'The author’s user id.' }) authorId!: string;
  @ApiProperty({ format: 'date-time' }) writtenAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The note; null once the person’s personal data has been erased.',
    example: 'Belde terug over de afbetaling bij de energieleverancier.',
  })
  text!: string | null;
}

export class CaseNotePage {
  @ApiProperty({ type: [CaseNoteView], description: 'Newest first.' }) items!: CaseNoteView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
