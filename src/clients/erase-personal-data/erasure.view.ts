import { ApiProperty } from '@nestjs/swagger';

export class ErasureView {
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({ enum: ['erased'] }) status!: 'erased';
  @ApiProperty({ format: 'date' }) erasedOn!: string;
  @ApiProperty({ type: 'integer', description: "The person's revision (also the ETag)." }) revision!: number;
}
