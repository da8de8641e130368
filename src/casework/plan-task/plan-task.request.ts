import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IDENTIFIER_PATTERN } from '../../shared/auth/token-claims';
import { DueRequest } from '../common/due.request';
import { TASK_KINDS, type TaskKind } from '../domain/task.values';

export const MAX_TASK_TEXT_LENGTH = 2000;

export class PlanTaskRequest extends DueRequest {
  @ApiProperty({ enum: TASK_KINDS, description: 'What the task is for.' })
  @IsIn(TASK_KINDS)
  kind!: TaskKind;

  @ApiPropertyOptional({
    description:
      'The user id of a social worker of your organisation (yourself when omitted, or one whose work the service ' +
      'has seen for your organisation: docs/adr/0030).',
    example: 'sw-kortrijk-2',
  })
  @IsOptional()
  @IsString()
  @Matches(IDENTIFIER_PATTERN, { message: 'assigneeId must be a user id' })
  assigneeId?: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: MAX_TASK_TEXT_LENGTH,
    description: 'What to do, sealed with the person’s key (erasure reaches it).',
    example: 'Nagaan of de aanvraag verhoogde tegemoetkoming is goedgekeurd.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_TASK_TEXT_LENGTH)
  description?: string;
}
