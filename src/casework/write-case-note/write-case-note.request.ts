import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export const MAX_CASE_NOTE_LENGTH = 4000;

export class WriteCaseNoteRequest {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_CASE_NOTE_LENGTH,
    description: 'The note, sealed with the person’s key (erasure reaches it).',
    example: 'Belde terug over de afbetaling bij de energieleverancier.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_CASE_NOTE_LENGTH)
  text!: string;
}
