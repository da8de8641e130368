import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** Completing or cancelling a task: an optional reason, sealed with the person's key. */
export class CloseTaskRequest {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 2000,
    description: 'Why, in a few words; sealed with the person’s key (erasure reaches it).',
    example: 'Aanvraag goedgekeurd op 3 december.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
}
