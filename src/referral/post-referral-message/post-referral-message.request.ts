import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class PostReferralMessageRequest {
  @ApiProperty({
    minLength: 1,
    maxLength: 2000,
    example: 'Kan zij dinsdag om 10 uur langskomen?',
    description: 'For the other organisation; sealed with the person’s key (erasure reaches it).',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text!: string;
}
