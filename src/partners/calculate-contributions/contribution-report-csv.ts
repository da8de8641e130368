import { toCsvText } from '../../shared/http/csv';
import type { ContributionReportView } from './contribution-report.view';

const COLUMNS = [
  'working_year',
  'population_year',
  'municipality_id',
  'municipality_name',
  'population',
  'population_approximate',
  'rate_per_inhabitant',
  'amount',
  'co_funder',
  'repayment',
  'net_amount',
] as const;

/**
 * The report as a spreadsheet wants it: one line per member municipality, then a `total` line for the region.
 * Amounts are the exact decimal text of the JSON answer (euros with two decimals, a dot), never floats.
 */
export function contributionReportCsv(report: ContributionReportView): string {
  const rate = report.ratePeriod.ratePerInhabitant;
  return toCsvText(COLUMNS, [
    ...report.municipalities.map((line) => [
      report.workingYear,
      report.populationYear,
      line.municipalityId,
      line.name,
      line.population,
      line.populationApproximate,
      rate,
      line.amount,
      line.coFunding?.coFunderName ?? null,
      line.coFunding?.repayment ?? null,
      line.netAmount,
    ]),
    [
      report.workingYear,
      report.populationYear,
      null,
      'total',
      report.totals.population,
      report.approximate,
      rate,
      report.totals.amount,
      null,
      report.totals.repayment,
      report.totals.netAmount,
    ],
  ]);
}
