import { ApiProperty } from '@nestjs/swagger';

export class ClientMatchView {
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({
    description:
      "Whether your organisation may see the person now (GET /clients/{clientId}); if not, record the person's " +
      'consent to share with your organisation first.',
  })
  visible!: boolean;
}

export class ClientMatchesView {
  @ApiProperty({ type: [ClientMatchView] }) matches!: ClientMatchView[];
}
