import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IDENTIFIER_PATTERN } from '../../shared/auth/token-claims';
import { DatedRequest } from '../common/dated.request';

export class AssignCaseworkerRequest extends DatedRequest {
  @ApiProperty({ description: "The social worker's user id (the `sub` of their token)." })
  @IsString()
  @Matches(IDENTIFIER_PATTERN, { message: 'caseworkerId must be a user id' })
  caseworkerId!: string;
}
