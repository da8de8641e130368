import { type CsvValue, toCsvText } from '../../shared/http/csv';
import type { IndicatorResultView } from './indicator.view';

const COLUMNS = [
  'indicator',
  'indicator_version',
  'unit',
  'period',
  'period_start',
  'municipality_id',
  'municipality_name',
  'category',
  'category_name',
  'value',
  'base',
  'suppressed',
  'as_of',
  'position_commit',
  'position_prepare',
] as const;

/** The same result as the JSON answer, one line per cell, with the version and position on every line. */
export function toCsv(result: IndicatorResultView): string {
  const rows = result.cells.map((cell): CsvValue[] => [
    result.indicator.code,
    result.indicator.version,
    result.indicator.unit,
    cell.period,
    cell.periodStart,
    cell.municipalityId,
    cell.municipalityId === null ? 'region' : cell.municipalityName,
    cell.category,
    cell.categoryName,
    cell.value,
    cell.base,
    cell.suppressed,
    result.asOf,
    result.position?.commit ?? null,
    result.position?.prepare ?? null,
  ]);
  return toCsvText(COLUMNS, rows);
}
