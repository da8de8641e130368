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
  /**
   * Distinct people behind each other figure the published cell gives away: a share's numerator (share × base) and
   * its complement (base minus the numerator). Each must be empty or reach the threshold, like `people`.
   */
  readonly parts?: readonly number[];
  /** Hidden whatever its people: a rule from outside the grid (an organisation filter, docs/analysts.md). */
  readonly withheld?: boolean;
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

/**
 * Primary suppression: a cell whose people, or the people of its numerator or complement, are some but fewer than
 * the threshold; or a non-empty cell withheld. An empty group reveals no one.
 */
export function primarySuppressed(cell: GridCell | undefined, threshold: number): boolean {
  if (cell === undefined) return false;
  if (cell.withheld === true && cell.base > 0) return true;
  return [cell.people, ...(cell.parts ?? [])].some((people) => people > 0 && people < threshold);
}

/**
 * The cells to hide. Primary: `primarySuppressed`. Secondary, repeated until nothing changes: a line with exactly
 * one hidden cell would give it away (total minus the others), so the smallest other non-empty inner cell of that
 * line is hidden too, or, when there is none, the line's total. An empty cell is never the complement: anyone
 * knowing this rule could tell it was empty and compute the hidden one after all. Then, since two hidden cells per
 * line do not stop a chain of lines from pinning one down (row minus column minus row ...), every hidden cell that
 * the published cells still determine exactly (`exposedCells`) gets a complement of its own, until none is left.
 */
export function suppressedCells(grid: Grid, threshold: number): Set<string> {
  const hidden = new Set<string>();
  for (const [key, cell] of grid.cells) if (primarySuppressed(cell, threshold)) hidden.add(key);
  const lines = linesOf(grid);
  const baseOf = (key: string) => grid.cells.get(key)?.base ?? 0;
  const smallest = (keys: readonly string[]) =>
    keys
      .filter((key) => !hidden.has(key) && baseOf(key) > 0)
      .sort((a, b) => baseOf(a) - baseOf(b) || (a < b ? -1 : a > b ? 1 : 0))[0];
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const hiddenCount = line.inner.filter((key) => hidden.has(key)).length + (hidden.has(line.total) ? 1 : 0);
      if (hiddenCount !== 1) continue;
      const next = smallest(line.inner) ?? (hidden.has(line.total) ? undefined : line.total);
      if (next === undefined) continue;
      hidden.add(next);
      changed = true;
    }
    if (changed) continue;
    for (const exposed of exposedCells(grid, hidden)) {
      const own = lines.filter((line) => line.total === exposed || line.inner.includes(exposed));
      const next =
        smallest(own.flatMap((line) => line.inner)) ??
        smallest(own.map((line) => line.total)) ??
        smallest(lines.filter((line) => touches(line, hidden)).flatMap((line) => [...line.inner, line.total]));
      if (next === undefined) continue;
      hidden.add(next);
      changed = true;
      break;
    }
  }
  return hidden;
}

function touches(line: Line, hidden: ReadonlySet<string>): boolean {
  return hidden.has(line.total) || line.inner.some((key) => hidden.has(key));
}

/**
 * The hidden cells that the grid's published cells determine exactly through its lines. Every cell lies on one line
 * (its column) or two (its column and its row); a line's equation is "inner cells minus total = 0". Seen as a graph
 * whose nodes are the lines (plus one free node standing for "no second line") and whose edges are the hidden cells,
 * the unknowns can be shifted around any cycle without changing a published figure, and along nothing else: a hidden
 * cell is determined exactly when its edge lies on no cycle (a bridge). Empty cells are published (as 0) and so
 * known.
 */
export function exposedCells(grid: Grid, hidden: ReadonlySet<string>): string[] {
  const lines = linesOf(grid);
  const free = lines.length;
  const ends = new Map<string, number[]>();
  lines.forEach((line, index) => {
    for (const key of [...line.inner, line.total])
      if (hidden.has(key)) ends.set(key, [...(ends.get(key) ?? []), index]);
  });
  const edges = [...ends].map(([key, [a, b]]) => ({ key, a: a!, b: b ?? free }));
  const adjacent: { edge: number; to: number }[][] = Array.from({ length: free + 1 }, () => []);
  edges.forEach((edge, index) => {
    adjacent[edge.a]!.push({ edge: index, to: edge.b });
    adjacent[edge.b]!.push({ edge: index, to: edge.a });
  });
  // Tarjan's bridges, by edge (two hidden cells between the same lines are a cycle).
  const order: number[] = new Array<number>(free + 1).fill(-1);
  const low: number[] = new Array<number>(free + 1).fill(0);
  const bridges: string[] = [];
  let counter = 0;
  const visit = (node: number, via: number): void => {
    order[node] = low[node] = counter++;
    for (const { edge, to } of adjacent[node]!) {
      if (edge === via) continue;
      if (order[to] === -1) {
        visit(to, edge);
        low[node] = Math.min(low[node], low[to]!);
        if (low[to]! > order[node]) bridges.push(edges[edge]!.key);
      } else low[node] = Math.min(low[node], order[to]!);
    }
  };
  for (let node = 0; node <= free; node++) if (order[node] === -1) visit(node, -1);
  return bridges.sort();
}
