import { ApiProperty } from '@nestjs/swagger';

/**
 * A person's name beside their id in lists and views, for the organisations that may see the person
 * (docs/adr/0013, docs/adr/0027); opened from the sealed registration for this answer only.
 */
export class ClientNameView {
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
}
