import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** Path parameters, validated like bodies: a malformed id is a 400 naming the parameter. */
export class ReferralParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  referralId!: string;
}
