import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { PostalAddress } from '../domain/personal-details';

/** A Belgian postal address. The rules on its content (a 4-digit postal code, no blanks) are the domain's. */
export class AddressRequest {
  @ApiProperty({ example: 'Grote Markt', maxLength: 200 }) @IsString() @MaxLength(200) street!: string;
  @ApiProperty({ example: '54', maxLength: 20 }) @IsString() @MaxLength(20) houseNumber!: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 20 })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  box?: string | null;
  @ApiProperty({ example: '8500', pattern: '^[1-9][0-9]{3}$' }) @IsString() @MaxLength(10) postalCode!: string;
  @ApiProperty({ example: 'Kortrijk', maxLength: 100 }) @IsString() @MaxLength(100) place!: string;
}

export function toPostalAddress(request: AddressRequest): PostalAddress {
  return {
    street: request.street,
    houseNumber: request.houseNumber,
    box: request.box ?? null,
    postalCode: request.postalCode,
    place: request.place,
  };
}
