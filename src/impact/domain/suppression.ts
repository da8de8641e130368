/**
 * Small-cell suppression of a published table (docs/analysts.md, "Suppression"). Pure: the same table and threshold
 * always hide the same cells, so a figure published twice is hidden twice.
 *
 * A table is a grid: inner rows (municipalities) and a total row (the region); inner columns (the categories of a
 * breakdown, or a single column) and, when the categories split the base into disjoint parts, a total column.
 * Every row and column that carries a total is a "line": its inner cells add up to its total.
 */
export interface GridCell {
  /** What the figure is based on (intakes, referrals, people): additive along every line. */
  readonly base: number;
  /** Distinct people behind the cell: what the threshold protects. Never more than `base`. */
  readonly people: number;
}

export interface Grid {
  readonly rows: readonly string[];
  readonly totalRow: string;
  readonly columns: readonly string[];
  /** Null when the columns do not add up to a total (statistics, overlapping categories). */
  readonly totalColumn: string | null;
  /** Keyed by `cellKey(row, column)`; a missing cell is an empty one (base 0). */
  readonly cells: ReadonlyMap<string, GridCell>;
}

export function cellKey(row: string, column: string): string {
  return `${row}\u0000${column}`;
}

interface Line {
  readonly inner: readonly string[];
  readonly total: string;
}

function linesOf(grid: Grid): Line[] {
  const lines: Line[] = [];
  const allColumns = grid.totalColumn === null ? grid.columns : [...grid.columns, grid.totalColumn];
  for (const column of allColumns) {
    lines.push({ inner: grid.rows.map((row) => cellKey(row, column)), total: cellKey(grid.totalRow, column) });
  }
  if (grid.totalColumn !== null) {
    const totalColumn = grid.totalColumn;
    for (const row of [...grid.rows, grid.totalRow]) {
      lines.push({ inner: grid.columns.map((column) => cellKey(row, column)), total: cellKey(row, totalColumn) });
    }
  }
  return lines;
}

/** Primary suppression: a cell with people, but fewer than the threshold. An empty cell reveals no one. */
export function primarySuppressed(cell: GridCell | undefined, threshold: number): boolean {
  return cell !== undefined && cell.people > 0 && cell.people < threshold;
}

/**
 * The cells to hide. Primary: fewer than `threshold` people. Secondary, repeated until nothing changes: a line with
 * exactly one hidden cell would give it away (total minus the others), so the smallest other non-empty inner cell of
 * that line is hidden too, or, when there is none, the line's total. An empty cell is never the complement: anyone
 * knowing this rule could tell it was empty and compute the hidden one after all.
 */
export function suppressedCells(grid: Grid, threshold: number): Set<string> {
  const hidden = new Set<string>();
  for (const [key, cell] of grid.cells) if (primarySuppressed(cell, threshold)) hidden.add(key);
  const lines = linesOf(grid);
  const baseOf = (key: string) => grid.cells.get(key)?.base ?? 0;
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const hiddenCount = line.inner.filter((key) => hidden.has(key)).length + (hidden.has(line.total) ? 1 : 0);
      if (hiddenCount !== 1) continue;
      const complement = line.inner
        .filter((key) => !hidden.has(key) && baseOf(key) > 0)
        .sort((a, b) => baseOf(a) - baseOf(b) || (a < b ? -1 : a > b ? 1 : 0))[0];
      const next = complement ?? (hidden.has(line.total) ? undefined : line.total);
      if (next === undefined) continue;
      hidden.add(next);
      changed = true;
    }
  }
  return hidden;
}
