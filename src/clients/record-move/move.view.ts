import { ApiProperty } from '@nestjs/swagger';

export class MoveView {
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ format: 'uuid', description: 'Where the person lives from effectiveDate on.' })
  municipalityId!: string;
  @ApiProperty({ format: 'date' }) effectiveDate!: string;
  @ApiProperty({ format: 'uuid', description: 'The municipality of residence today, after this move.' })
  currentMunicipalityId!: string;
  @ApiProperty({ type: 'integer', description: "The person's revision (also the ETag)." }) revision!: number;
}
