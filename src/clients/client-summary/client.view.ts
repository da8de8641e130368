import { ApiProperty } from '@nestjs/swagger';
import { ConsentView } from '../client-consents/consent.view';
import { INCOME_SOURCES, type IncomeSource } from '../domain/client.values';

export class AddressView {
  @ApiProperty() street!: string;
  @ApiProperty() houseNumber!: string;
  @ApiProperty({ type: String, nullable: true }) box!: string | null;
  @ApiProperty() postalCode!: string;
  @ApiProperty() place!: string;
}

export class HouseholdView {
  @ApiProperty({ type: 'integer' }) adults!: number;
  @ApiProperty({ type: 'integer' }) children!: number;
}

/** A person's summary, for the organisations that may see them. Every read is in the access log. */
export class ClientView {
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ format: 'date' }) birthDate!: string;
  @ApiProperty({ type: String, nullable: true, description: '11 digits' }) insz!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 639 code; null when not recorded.' })
  preferredLanguage!: string | null;
  @ApiProperty({ type: AddressView, nullable: true }) address!: AddressView | null;
  @ApiProperty({ format: 'uuid', description: 'Municipality of residence (after the latest move).' })
  municipalityId!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Since when; null: since registration.' })
  municipalitySince!: string | null;
  @ApiProperty({ type: HouseholdView }) household!: HouseholdView;
  @ApiProperty({ enum: INCOME_SOURCES }) mainIncomeSource!: IncomeSource;
  @ApiProperty({ description: 'The organisation that registered the person.' }) registeredBy!: string;
  @ApiProperty({ format: 'date' }) registeredOn!: string;
  @ApiProperty({ type: [ConsentView] }) consents!: ConsentView[];
  @ApiProperty({ type: 'integer', description: 'The revision; send it back as `If-Match: "<revision>"`.' })
  revision!: number;
}
