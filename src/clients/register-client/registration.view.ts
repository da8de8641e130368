import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RegistrationView {
  @ApiProperty({ format: 'uuid' }) clientId!: string;

  @ApiProperty({
    enum: ['registered', 'already_registered'],
    description:
      '`already_registered`: the INSZ belongs to a person registered before; only their id is given (ask for ' +
      "access by recording the person's consent, docs/clients.md).",
  })
  outcome!: 'registered' | 'already_registered';

  @ApiPropertyOptional({ type: 'integer', description: "The person's revision (also the ETag), after a registration." })
  revision?: number;

  @ApiProperty({
    type: [String],
    description:
      'Ids of people registered with the same name and birth date: possibly the same person. A warning only; the ' +
      'registration went ahead.',
  })
  possibleDuplicates!: string[];
}
