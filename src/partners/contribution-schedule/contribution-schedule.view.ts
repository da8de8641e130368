import { ApiProperty } from '@nestjs/swagger';
import type { CoFundingAgreement, RatePeriod } from '../domain/contribution-schedule.events';
import { formatEuros } from '../domain/money';

export class RatePeriodView {
  @ApiProperty({ format: 'uuid' }) ratePeriodId!: string;
  @ApiProperty({ example: '1.00', description: 'Euros per inhabitant, an exact decimal.' }) ratePerInhabitant!: string;
  @ApiProperty({ type: 'integer', example: 100 }) rateCentsPerInhabitant!: number;
  @ApiProperty({ type: 'integer' }) firstWorkingYear!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null: until further notice.' })
  lastWorkingYear!: number | null;
  @ApiProperty({ nullable: true, type: String }) basis!: string | null;
}

export class CoFundingAgreementView {
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty({ format: 'uuid' }) municipalityId!: string;
  @ApiProperty() coFunderName!: string;
  @ApiProperty({ example: '0.53', description: 'The co-funder pays back the rate above this, per inhabitant.' })
  baseRatePerInhabitant!: string;
  @ApiProperty({ type: 'integer', example: 53 }) baseRateCentsPerInhabitant!: number;
  @ApiProperty({ type: 'integer' }) firstWorkingYear!: number;
  @ApiProperty({ type: 'integer', nullable: true }) lastWorkingYear!: number | null;
}

export class ContributionScheduleView {
  @ApiProperty({ type: [RatePeriodView], description: 'Earliest first.' }) ratePeriods!: RatePeriodView[];
  @ApiProperty({ type: [CoFundingAgreementView] }) coFundingAgreements!: CoFundingAgreementView[];
  @ApiProperty({ type: 'integer', description: 'The revision; send it back as `If-Match: "<revision>"`.' })
  revision!: number;
}

export function toRatePeriodView(period: RatePeriod): RatePeriodView {
  return {
    ratePeriodId: period.ratePeriodId,
    ratePerInhabitant: formatEuros(period.rateCentsPerInhabitant),
    rateCentsPerInhabitant: period.rateCentsPerInhabitant,
    firstWorkingYear: period.firstWorkingYear,
    lastWorkingYear: period.lastWorkingYear,
    basis: period.basis,
  };
}

export function toCoFundingAgreementView(agreement: CoFundingAgreement): CoFundingAgreementView {
  return {
    agreementId: agreement.agreementId,
    municipalityId: agreement.municipalityId,
    coFunderName: agreement.coFunderName,
    baseRatePerInhabitant: formatEuros(agreement.baseRateCentsPerInhabitant),
    baseRateCentsPerInhabitant: agreement.baseRateCentsPerInhabitant,
    firstWorkingYear: agreement.firstWorkingYear,
    lastWorkingYear: agreement.lastWorkingYear,
  };
}

export function toScheduleView(schedule: {
  readonly ratePeriods: readonly RatePeriod[];
  readonly coFundingAgreements: readonly CoFundingAgreement[];
  readonly revision: bigint;
}): ContributionScheduleView {
  return {
    ratePeriods: [...schedule.ratePeriods]
      .sort((a, b) => a.firstWorkingYear - b.firstWorkingYear)
      .map(toRatePeriodView),
    coFundingAgreements: [...schedule.coFundingAgreements]
      .sort((a, b) => a.firstWorkingYear - b.firstWorkingYear || a.agreementId.localeCompare(b.agreementId))
      .map(toCoFundingAgreementView),
    revision: Number(schedule.revision),
  };
}
