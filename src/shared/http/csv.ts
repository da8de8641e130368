/** The media type of the CSV answers (docs/analysts.md, docs/referrals.md). */
export const CSV_CONTENT_TYPE = 'text/csv';

export type CsvValue = string | number | boolean | null;

/** RFC 4180 quoting; text that a spreadsheet would run as a formula is prefixed with a quote. */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A header line and one line per row, CRLF, each line ending with one. */
export function toCsvText(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [columns.map(csvField).join(','), ...rows.map((row) => row.map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** Whether the request asks for CSV (`Accept: text/csv`). */
export function wantsCsv(accept: string | undefined): boolean {
  return accept?.toLowerCase().includes(CSV_CONTENT_TYPE) ?? false;
}

/** The headers of a CSV answer, downloaded as `filename`. */
export function csvHeaders(filename: string): Readonly<Record<string, string>> {
  return {
    'content-type': `${CSV_CONTENT_TYPE}; charset=utf-8`,
    'content-disposition': `attachment; filename="${filename}"`,
  };
}
