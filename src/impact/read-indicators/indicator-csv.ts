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

/** RFC 4180 quoting; text that a spreadsheet would run as a formula is prefixed with a quote. */
function field(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The same result as the JSON answer, one line per cell, with the version and position on every line. */
export function toCsv(result: IndicatorResultView): string {
  const lines = [COLUMNS.join(',')];
  for (const cell of result.cells) {
    const values: (string | number | boolean | null)[] = [
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
    ];
    lines.push(values.map(field).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
