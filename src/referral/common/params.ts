import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** Path parameters, validated like bodies: a malformed id is a 400 naming the parameter. */
export class ReferralParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  referralId!: string;
}

/** A person, in the path of the list by person (`/clients/{clientId}/referrals`, docs/adr/0028). */
export class PersonParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  clientId!: string;
}
