import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IDENTIFIER_PATTERN } from '../../shared/auth/token-claims';

/** A task's assignee. */
export class AssigneeRequest {
  @ApiProperty({
    description:
      'The user id (token `sub`) of a social worker of your organisation: yourself, or one whose work the ' +
      'service has seen for your organisation (docs/adr/0030).',
    example: 'sw-kortrijk-2',
  })
  @IsString()
  @Matches(IDENTIFIER_PATTERN, { message: 'assigneeId must be a user id' })
  assigneeId!: string;
}
