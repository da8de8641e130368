import { ApiProperty } from '@nestjs/swagger';
import { RatePeriodView, toRatePeriodView } from '../contribution-schedule/contribution-schedule.view';
import type { Contribution, ContributionReport } from '../domain/contributions';
import { formatEuros } from '../domain/money';

export class CoFundingView {
  @ApiProperty({ format: 'uuid' }) agreementId!: string;
  @ApiProperty() coFunderName!: string;
  @ApiProperty({ example: '0.53' }) baseRatePerInhabitant!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '13227.00',
    description: 'Paid back by the co-funder: whole euros, rounded down.',
  })
  repayment!: string | null;
  @ApiProperty({ type: 'integer', example: 1322700, nullable: true }) repaymentCents!: number | null;
}

export class ContributionLineView {
  @ApiProperty({ format: 'uuid' }) municipalityId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Null: no figure recorded for the population year.',
  })
  population!: number | null;
  @ApiProperty() populationApproximate!: boolean;
  @ApiProperty({ nullable: true, type: String, example: '28144.00' }) amount!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 2814400 }) amountCents!: number | null;
  @ApiProperty({ nullable: true, type: CoFundingView }) coFunding!: CoFundingView | null;
  @ApiProperty({ nullable: true, type: String, example: '14917.00', description: 'What the municipality pays.' })
  netAmount!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) netAmountCents!: number | null;
}

export class ContributionTotalsView {
  @ApiProperty({ type: 'integer' }) population!: number;
  @ApiProperty() amount!: string;
  @ApiProperty({ type: 'integer' }) amountCents!: number;
  @ApiProperty() repayment!: string;
  @ApiProperty({ type: 'integer' }) repaymentCents!: number;
  @ApiProperty() netAmount!: string;
  @ApiProperty({ type: 'integer' }) netAmountCents!: number;
}

export class ContributionReportView {
  @ApiProperty({ type: 'integer', example: 2025 }) workingYear!: number;
  @ApiProperty({ type: 'integer', example: 2024, description: 'Populations are counted on 1 January of this year.' })
  populationYear!: number;
  @ApiProperty({ type: RatePeriodView }) ratePeriod!: RatePeriodView;
  @ApiProperty({ type: [ContributionLineView], description: 'One line per member municipality, by name.' })
  municipalities!: ContributionLineView[];
  @ApiProperty({ type: ContributionTotalsView, description: 'The region: sums over the lines with a population.' })
  totals!: ContributionTotalsView;
  @ApiProperty({ description: 'False when a member has no population figure: it is left out of the totals.' })
  complete!: boolean;
  @ApiProperty({ description: 'True when a population counted is an estimate.' })
  approximate!: boolean;
}

export function toContributionReportView(report: ContributionReport & { kind: 'report' }): ContributionReportView {
  const money = (cents: number | undefined) => (cents === undefined ? null : formatEuros(cents));
  const cents = (contribution: Contribution | null, key: keyof Contribution) =>
    contribution === null ? null : contribution[key];
  return {
    workingYear: report.workingYear,
    populationYear: report.populationYear,
    ratePeriod: toRatePeriodView(report.ratePeriod),
    municipalities: report.lines.map((line) => ({
      municipalityId: line.municipalityId,
      name: line.name,
      population: line.population,
      populationApproximate: line.populationApproximate,
      amount: money(line.contribution?.amountCents),
      amountCents: cents(line.contribution, 'amountCents'),
      coFunding: line.coFunding && {
        agreementId: line.coFunding.agreementId,
        coFunderName: line.coFunding.coFunderName,
        baseRatePerInhabitant: formatEuros(line.coFunding.baseRateCentsPerInhabitant),
        repayment: money(line.contribution?.repaymentCents),
        repaymentCents: cents(line.contribution, 'repaymentCents'),
      },
      netAmount: money(line.contribution?.netAmountCents),
      netAmountCents: cents(line.contribution, 'netAmountCents'),
    })),
    totals: {
      population: report.totals.population,
      amount: formatEuros(report.totals.amountCents),
      amountCents: report.totals.amountCents,
      repayment: formatEuros(report.totals.repaymentCents),
      repaymentCents: report.totals.repaymentCents,
      netAmount: formatEuros(report.totals.netAmountCents),
      netAmountCents: report.totals.netAmountCents,
    },
    complete: report.complete,
    approximate: report.lines.some((line) => line.population !== null && line.populationApproximate),
  };
}
