import { TARGET_LABELS, type TargetName } from './databases';

export const SECTION_NAMES = ['appends', 'catchup', 'rebuild', 'http', 'impact'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export const SECTION_TITLES: Record<SectionName, string> = {
  appends: '1. Appends',
  catchup: '2. Catch-up',
  rebuild: '3. Projection rebuild',
  http: '4, 5, 7. HTTP commands, projection lag, memory',
  impact: '6. Impact queries',
};

/** Ours measured against something: the raw limit, a peer, or the framework. */
export interface Comparison {
  readonly against: string;
  /** Ours divided by theirs, both in the row's unit (for times: theirs divided by ours, so higher is better). */
  readonly value: number;
}

/** One measured figure: medians over the trials. */
export interface Figure {
  /** The headline value, in the row's unit. */
  readonly value: number;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  readonly errors?: number;
  readonly comparisons?: readonly Comparison[];
  /** The headline value of each trial, in order. */
  readonly trials: readonly number[];
  /** Where the CPU went: Node's per event (benchmark process) or the service's per request, and the machine. */
  readonly cpu?: CpuFigure;
  /** Shown under the table. */
  readonly note?: string;
  /** In the JSON only: per-trial details. */
  readonly detail?: string;
}

export interface CpuFigure {
  readonly value: number;
  readonly unit: 'µs/event' | 'µs/row' | 'ms/request';
  /** Share of the whole machine (both cores) that was busy, 0 to 1. */
  readonly machineBusy: number;
}

export interface Row {
  /** Stable, for the targets and for comparing JSON files: `appends.single.8.ours`. */
  readonly id: string;
  readonly section: SectionName;
  /** What is measured: `Single-event appends, 8 writers`. */
  readonly measurement: string;
  /** Who does it: `ours (PostgresEventStore)`, `raw limit: INSERT per event`, `Emmett 0.42`. */
  readonly system: string;
  readonly unit: string;
  readonly figures: Partial<Record<TargetName, Figure>>;
}

export interface TargetCheck {
  readonly target: string;
  readonly result: string;
  readonly status: 'met' | 'missed' | 'not measured';
  /** By how much it was missed, and what limits it. */
  readonly note?: string;
}

export class Report {
  readonly rows: Row[] = [];
  readonly notes: string[] = [];
  readonly sectionSeconds: Partial<Record<SectionName, number>> = {};

  /** Adds a figure to the row `id`, creating the row on first use (the targets are measured one after the other). */
  set(row: Omit<Row, 'figures'>, target: TargetName, figure: Figure): void {
    let existing = this.rows.find((candidate) => candidate.id === row.id);
    if (existing === undefined) {
      existing = { ...row, figures: {} };
      this.rows.push(existing);
    }
    existing.figures[target] = figure;
  }

  figure(id: string, target: TargetName): Figure | undefined {
    return this.rows.find((row) => row.id === id)?.figures[target];
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }
}

const TARGET_ORDER: readonly TargetName[] = ['postgres', 'pglite'];

/** The results as Markdown tables, one per section: readable in a terminal and pasted as is into the docs. */
export function renderTables(report: Report, targets: readonly TargetName[]): string {
  const shown = TARGET_ORDER.filter((target) => targets.includes(target));
  const header = [
    'Measurement',
    'System',
    'Unit',
    ...shown.flatMap((target) => [TARGET_LABELS[target], 'p50 ms', 'p99 ms', 'compared', 'CPU, machine busy']),
  ];
  const out: string[] = [];
  for (const section of Object.keys(SECTION_TITLES) as SectionName[]) {
    const rows = report.rows.filter((row) => row.section === section);
    if (rows.length === 0) continue;
    out.push(`### ${SECTION_TITLES[section]}`, '');
    const lines: string[][] = [];
    let previous: string | undefined;
    for (const row of rows) {
      lines.push([
        row.measurement === previous ? '' : row.measurement,
        row.system,
        row.unit,
        ...shown.flatMap((target) => figureCells(row.figures[target], row.unit)),
      ]);
      previous = row.measurement;
    }
    out.push(markdownTable(header, lines), '');
    const notes = rows.flatMap((row) =>
      shown.flatMap((target) => {
        const note = row.figures[target]?.note;
        return note ? [`- ${TARGET_LABELS[target]}, ${row.measurement}, ${row.system}: ${note}`] : [];
      }),
    );
    if (notes.length > 0) out.push(...notes, '');
  }
  return out.join('\n');
}

export function renderTargets(checks: readonly TargetCheck[]): string {
  return markdownTable(
    ['Target', 'Result', 'Status', 'Why / by how much'],
    checks.map((check) => [check.target, check.result, check.status, check.note ?? '']),
  );
}

function figureCells(figure: Figure | undefined, unit: string): string[] {
  if (figure === undefined) return ['', '', '', '', ''];
  const errors = figure.errors ? ` (${formatNumber(figure.errors, 'count')} errors)` : '';
  return [
    `${formatNumber(figure.value, unit)}${errors}`,
    figure.p50Ms === undefined ? '' : formatNumber(figure.p50Ms, 'ms'),
    figure.p99Ms === undefined ? '' : formatNumber(figure.p99Ms, 'ms'),
    (figure.comparisons ?? []).map((comparison) => `${formatRatio(comparison.value)} ${comparison.against}`).join(', '),
    figure.cpu === undefined
      ? ''
      : `${figure.cpu.value >= 10 ? figure.cpu.value.toFixed(0) : figure.cpu.value.toFixed(2)} ${figure.cpu.unit}, ` +
        `${(figure.cpu.machineBusy * 100).toFixed(0)}%`,
  ];
}

export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(2)}×`;
}

export function formatNumber(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'ms' || unit === 's' || unit.startsWith('ms ')) {
    if (value >= 100) return value.toFixed(0);
    if (value >= 10) return value.toFixed(1);
    return value.toFixed(2);
  }
  return Math.round(value).toLocaleString('en-US');
}

function markdownTable(header: readonly string[], lines: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const render = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [render(header), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...lines.map(render)].join(
    '\n',
  );
}
