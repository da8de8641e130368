import { cellKey, suppressedCells, type Grid, type GridCell } from './suppression';

/** A grid from rows of bases (people = base), the last row being the region's totals. */
function grid(
  rows: Record<string, number[]>,
  options: { columns: string[]; totalColumn: string | null; people?: Record<string, number[]> },
): Grid {
  const names = Object.keys(rows);
  const columns = options.totalColumn === null ? options.columns : [...options.columns, options.totalColumn];
  const cells = new Map<string, GridCell>();
  for (const row of names) {
    rows[row]!.forEach((base, index) => {
      const people = options.people?.[row]?.[index] ?? base;
      cells.set(cellKey(row, columns[index]!), { base, people });
    });
  }
  return {
    rows: names.slice(0, -1),
    totalRow: names.at(-1)!,
    columns: options.columns,
    totalColumn: options.totalColumn,
    cells,
  };
}

function hiddenOf(hidden: Set<string>): string[] {
  return [...hidden].map((key) => key.replace('\u0000', '/')).sort();
}

describe('small-cell suppression', () => {
  it('hides a cell with fewer people than the threshold, and nothing else when two cells hide each other', () => {
    const table = grid({ a: [3], b: [4], c: [25], region: [32] }, { columns: ['n'], totalColumn: null });
    expect(hiddenOf(suppressedCells(table, 10))).toEqual(['a/n', 'b/n']);
  });

  it('never hides an empty cell for being small: it reveals no one', () => {
    const table = grid({ a: [0], b: [30], region: [30] }, { columns: ['n'], totalColumn: null });
    expect(hiddenOf(suppressedCells(table, 10))).toEqual([]);
  });

  it('hides the smallest other cell when a total would give a single hidden cell away (secondary)', () => {
    // Region 62 − 20 − 30 would give a = 4 back: the next smallest, b (20), goes too.
    const table = grid({ a: [4], b: [20], c: [30], d: [8], region: [62] }, { columns: ['n'], totalColumn: null });
    expect(hiddenOf(suppressedCells(table, 10))).toEqual(['a/n', 'd/n']);
    const one = grid({ a: [4], b: [20], c: [30], region: [54] }, { columns: ['n'], totalColumn: null });
    expect(hiddenOf(suppressedCells(one, 10))).toEqual(['a/n', 'b/n']);
  });

  it('never picks an empty cell as the complement: the total goes instead', () => {
    const table = grid(
      { a: [4], b: [0], region: [4] },
      { columns: ['n'], totalColumn: null, people: { region: [12] } },
    );
    // a hidden (4 people); b is empty; the region (12 people: not additive in people here) must not give a away.
    expect(hiddenOf(suppressedCells(table, 10))).toEqual(['a/n', 'region/n']);
  });

  it('suppresses along rows and columns until every line hides none or at least two cells', () => {
    //            x   y   z  all
    const table = grid(
      {
        a: [5, 20, 30, 55],
        b: [12, 15, 40, 67],
        c: [11, 25, 35, 71],
        region: [28, 60, 105, 193],
      },
      { columns: ['x', 'y', 'z'], totalColumn: 'all' },
    );
    const hidden = suppressedCells(table, 10);
    // a/x is primary. Column x hides its smallest other (c/x, 11); row a its smallest (a/y, 20); row c then has c/x
    // alone, so c/y (25) goes; column y now hides two (a/y, c/y) and every line is covered.
    expect(hiddenOf(hidden)).toEqual(['a/x', 'a/y', 'c/x', 'c/y']);
    for (const row of ['a', 'b', 'c', 'region']) {
      const count = ['x', 'y', 'z', 'all'].filter((column) => hidden.has(cellKey(row, column))).length;
      expect(count === 0 || count >= 2).toBe(true);
    }
    for (const column of ['x', 'y', 'z', 'all']) {
      const count = ['a', 'b', 'c', 'region'].filter((row) => hidden.has(cellKey(row, column))).length;
      expect(count === 0 || count >= 2).toBe(true);
    }
  });

  it('hides a cell whose many items come from too few people', () => {
    const table = grid({ a: [40], b: [50], region: [90] }, { columns: ['n'], totalColumn: null, people: { a: [3] } });
    expect(hiddenOf(suppressedCells(table, 10))).toEqual(['a/n', 'b/n']);
  });
});
