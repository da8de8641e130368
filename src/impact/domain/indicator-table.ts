import type { CalendarDate } from '../../shared/domain/calendar';
import { ALL_CATEGORIES, STATISTICS, type IndicatorDefinition } from './indicators';
import { periodLabel, periodStarts, type PeriodRange } from './periods';
import { cellKey, suppressedCells, type Grid, type GridCell } from './suppression';

/** One group of observations as the database aggregates them. */
export interface AggregateRow {
  readonly periodStart: CalendarDate;
  /** Null: the region (every municipality). */
  readonly municipalityId: string | null;
  /** Null: every category (the total), or an indicator without a breakdown. */
  readonly category: string | null;
  readonly base: number;
  readonly people: number;
  readonly hits: number;
  /** Distinct people of the observations that meet the condition (a share's numerator). */
  readonly hitPeople: number;
  /** Distinct people of the observations that do not (its complement). */
  readonly missPeople: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly p90: number | null;
}

export interface Municipality {
  readonly municipalityId: string;
  readonly name: string;
}

export interface TableInput {
  readonly definition: IndicatorDefinition;
  readonly range: PeriodRange;
  /** Every municipality a row may name, in the order the table lists them. */
  readonly municipalities: readonly Municipality[];
  readonly rows: readonly AggregateRow[];
  /** Inhabitants on 1 January for the period starting on `periodStart`; null when unknown. */
  readonly population: (municipalityId: string, periodStart: CalendarDate) => number | null;
  readonly threshold: number;
  /**
   * With an organisation filter: the same table's aggregates without it. The filtered table then hides every cell the
   * full one hides, and every cell whose rest (full minus filtered) has too few people, since the two tables side by
   * side would publish that rest (docs/analysts.md, "Across answers").
   */
  readonly unfiltered?: readonly AggregateRow[];
}

/** A published figure. A suppressed cell shows neither its value nor its base. */
export interface TableCell {
  readonly period: string;
  readonly periodStart: CalendarDate;
  /** Null: the region. */
  readonly municipalityId: string | null;
  /** A category of the breakdown, `all` for its total, `median`/`p90` for a statistic, null when none. */
  readonly category: string | null;
  readonly value: number | null;
  readonly base: number | null;
  readonly suppressed: boolean;
}

const REGION = '\u0000region';

interface Layout {
  /** Grid columns and, per column, the category published and the aggregate row's category to read. */
  readonly columns: readonly { readonly column: string; readonly category: string | null; readonly from: string }[];
  readonly totalColumn: string | null;
}

const NONE = '\u0000none';

function layoutOf(definition: IndicatorDefinition, rows: readonly AggregateRow[]): Layout {
  if (definition.aggregate === 'median_p90') {
    return {
      columns: STATISTICS.map((statistic) => ({ column: statistic, category: statistic, from: NONE })),
      totalColumn: null,
    };
  }
  const breakdown = definition.breakdown;
  if (!breakdown) return { columns: [{ column: NONE, category: null, from: NONE }], totalColumn: null };
  const categories =
    breakdown.categories === 'dynamic'
      ? [...new Set(rows.flatMap((row) => (row.category === null ? [] : [row.category])))].sort()
      : breakdown.categories;
  const columns = categories.map((category) => ({ column: category, category, from: category }));
  if (!breakdown.total) return { columns, totalColumn: null };
  return { columns: [...columns, { column: NONE, category: ALL_CATEGORIES, from: NONE }], totalColumn: NONE };
}

const EMPTY: AggregateRow = {
  periodStart: '',
  municipalityId: null,
  category: null,
  base: 0,
  people: 0,
  hits: 0,
  hitPeople: 0,
  missPeople: 0,
  mean: null,
  median: null,
  p90: null,
};

function round(value: number | null, decimals: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * The published table: every period of the range × every municipality and the region × every category, each with
 * its value, base and whether it is suppressed (primary and secondary, per period: `suppression.ts`).
 */
export function buildTable(input: TableInput): TableCell[] {
  const { definition, threshold } = input;
  const full = input.unfiltered && indexCells(buildTable({ ...input, rows: input.unfiltered, unfiltered: undefined }));
  const fullRows = new Map<string, AggregateRow>();
  for (const row of input.unfiltered ?? []) fullRows.set(aggregateKey(row), row);
  const layout = layoutOf(definition, input.rows);
  const rowKey = (municipalityId: string | null) => municipalityId ?? REGION;
  const indexed = new Map<string, AggregateRow>();
  for (const row of input.rows) indexed.set(aggregateKey(row), row);
  // A municipality the rows name but the list lacks still gets its row: left out, the region minus the rows shown
  // would give it away.
  const listed = input.municipalities.map((municipality) => municipality.municipalityId);
  const unlisted = [...new Set(input.rows.flatMap((row) => (row.municipalityId === null ? [] : [row.municipalityId])))]
    .filter((municipalityId) => !listed.includes(municipalityId))
    .sort();
  const municipalityRows = [...listed, ...unlisted];
  const areas: (string | null)[] = [...municipalityRows, null];
  const cells: TableCell[] = [];
  for (const periodStart of periodStarts(input.range)) {
    const aggregate = (municipalityId: string | null, from: string) =>
      indexed.get(aggregateKey({ periodStart, municipalityId, category: from })) ?? EMPTY;
    const gridCells = new Map<string, GridCell>();
    for (const area of areas) {
      for (const { column, category, from } of layout.columns) {
        const row = aggregate(area, from);
        // A share gives its numerator and complement away (share × base): their people count as well.
        const parts = definition.aggregate === 'share' ? [row.hitPeople, row.missPeople] : undefined;
        const withheld =
          full !== undefined &&
          (full.get(tableCellKey(periodStart, area, category))?.suppressed !== false ||
            !restPublishable(
              row,
              fullRows.get(aggregateKey({ periodStart, municipalityId: area, category: from })),
              threshold,
            ));
        gridCells.set(cellKey(rowKey(area), column), { base: row.base, people: row.people, parts, withheld });
      }
    }
    const grid: Grid = {
      rows: municipalityRows,
      totalRow: REGION,
      columns: layout.columns.filter((column) => column.column !== layout.totalColumn).map((column) => column.column),
      totalColumn: layout.totalColumn,
      cells: gridCells,
    };
    const hidden = suppressedCells(withBasePattern(grid, threshold), threshold);
    for (const area of areas) {
      for (const { column, category, from } of layout.columns) {
        const row = aggregate(area, from);
        const suppressed = hidden.has(cellKey(rowKey(area), column));
        const value = suppressed ? null : valueOf(input, periodStart, area, from, column, row);
        cells.push({
          period: periodLabel(input.range.period, periodStart),
          periodStart,
          municipalityId: area,
          category,
          value: round(value, definition.decimals),
          base: suppressed ? null : row.base,
          suppressed,
        });
      }
    }
  }
  return cells;
}

/**
 * A share hides more than its base requires (its numerator or complement may be small), and then complements of its
 * own. Indicators over the same observations publish the same bases (`first_time_share` and `reach_per_1000`,
 * `proactive_share` and the rights per intake): if each chose its complements alone, one's published base could fill
 * the other's gap. So every table first hides what its bases alone require (the same cells for every indicator over
 * those observations), and builds on that.
 */
function withBasePattern(grid: Grid, threshold: number): Grid {
  if (![...grid.cells.values()].some((cell) => cell.parts !== undefined)) return grid;
  const bases = new Map([...grid.cells].map(([key, cell]) => [key, { ...cell, parts: undefined }]));
  const pattern = suppressedCells({ ...grid, cells: bases }, threshold);
  const cells = new Map(
    [...grid.cells].map(([key, cell]) => [key, { ...cell, withheld: cell.withheld === true || pattern.has(key) }]),
  );
  return { ...grid, cells };
}

function aggregateKey(row: Pick<AggregateRow, 'periodStart' | 'municipalityId' | 'category'>): string {
  return `${row.periodStart}|${row.municipalityId ?? REGION}|${row.category ?? NONE}`;
}

/** A published cell's key: its published category (`all`, `median`) where an aggregate row has none. */
function tableCellKey(periodStart: CalendarDate, municipalityId: string | null, category: string | null): string {
  return aggregateKey({ periodStart, municipalityId, category });
}

function indexCells(cells: readonly TableCell[]): Map<string, TableCell> {
  return new Map(cells.map((cell) => [tableCellKey(cell.periodStart, cell.municipalityId, cell.category), cell]));
}

/**
 * Whether the rest of a filtered cell (the full cell's observations minus the filtered ones) may be published: each
 * group of it (all, the numerator, the complement) is empty, or has at least `threshold` people. Its people are not
 * known, only that they are at least the full cell's minus the filtered cell's (a person can be in both).
 */
function restPublishable(filtered: AggregateRow, full: AggregateRow | undefined, threshold: number): boolean {
  const whole = full ?? EMPTY;
  const groups: [items: number, people: number][] = [
    [whole.base - filtered.base, whole.people - filtered.people],
    [whole.hits - filtered.hits, whole.hitPeople - filtered.hitPeople],
    [whole.base - whole.hits - (filtered.base - filtered.hits), whole.missPeople - filtered.missPeople],
  ];
  return groups.every(([items, people]) => items === 0 || people >= threshold);
}

function valueOf(
  input: TableInput,
  periodStart: CalendarDate,
  municipalityId: string | null,
  from: string,
  column: string,
  row: AggregateRow,
): number | null {
  switch (input.definition.aggregate) {
    case 'count':
      return row.base;
    case 'share':
      return row.base > 0 ? row.hits / row.base : null;
    case 'mean':
      return row.base > 0 ? row.mean : null;
    case 'median_p90':
      return column === 'p90' ? row.p90 : row.median;
    case 'per_1000_inhabitants':
      return perThousand(input, periodStart, municipalityId, from, row);
  }
}

/**
 * The region's rate is its own count of people over the summed populations, and only when every municipality with
 * people has a population figure: a rate over a subset would let anyone subtract a hidden cell back out of it.
 */
function perThousand(
  input: TableInput,
  periodStart: CalendarDate,
  municipalityId: string | null,
  from: string,
  row: AggregateRow,
): number | null {
  if (municipalityId !== null) {
    const population = input.population(municipalityId, periodStart);
    return population ? (row.people / population) * 1000 : null;
  }
  let population = 0;
  const municipalityIds = new Set([
    ...input.municipalities.map((municipality) => municipality.municipalityId),
    ...input.rows.flatMap((candidate) => (candidate.municipalityId === null ? [] : [candidate.municipalityId])),
  ]);
  for (const municipalityId of municipalityIds) {
    const inhabitants = input.population(municipalityId, periodStart);
    if (inhabitants) {
      population += inhabitants;
      continue;
    }
    const people = input.rows.find(
      (candidate) =>
        candidate.periodStart === periodStart &&
        candidate.municipalityId === municipalityId &&
        (candidate.category ?? NONE) === from,
    )?.people;
    if (people) return null;
  }
  return population > 0 ? (row.people / population) * 1000 : null;
}
