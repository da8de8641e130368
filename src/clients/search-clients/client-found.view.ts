import { ApiProperty } from '@nestjs/swagger';

/** A person a search found, for an organisation that may see them (docs/adr/0028). */
export class ClientFoundView {
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ example: 'Amélie' }) givenName!: string;
  @ApiProperty({ example: 'Van den Broeck' }) familyName!: string;
  @ApiProperty({ format: 'date', example: '1985-07-30' }) birthDate!: string;
}

export class ClientsFoundView {
  @ApiProperty({
    type: [ClientFoundView],
    description: 'The people your organisation may see, by family name, given name and birth date; at most 200.',
  })
  people!: ClientFoundView[];
}
