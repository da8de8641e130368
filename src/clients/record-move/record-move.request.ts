import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, IsUUID, Matches, ValidateNested } from 'class-validator';
import { AddressRequest } from '../common/address.request';

export class RecordMoveRequest {
  @ApiProperty({ format: 'uuid', description: 'The new municipality of residence: a registered municipality.' })
  @IsUUID('all')
  municipalityId!: string;

  @ApiProperty({ format: 'date', description: 'The day the move took effect; not in the future.' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveDate must be a date (YYYY-MM-DD)' })
  effectiveDate!: string;

  @ApiPropertyOptional({ type: AddressRequest, nullable: true, description: 'The new address, if known.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressRequest)
  address?: AddressRequest | null;
}
