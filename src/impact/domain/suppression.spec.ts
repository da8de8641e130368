import { cellKey, exposedCells, suppressedCells, type Grid, type GridCell } from './suppression';

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

  it('hides a share whose numerator or complement has too few people, though its base has enough', () => {
    const share = (people: number, numerator: number): GridCell => ({
      base: people,
      people,
      parts: [numerator, people - numerator],
    });
    const table: Grid = {
      rows: ['a', 'b', 'c', 'd'],
      totalRow: 'region',
      columns: ['n'],
      totalColumn: null,
      cells: new Map([
        [cellKey('a', 'n'), share(30, 4)], // 4 people in the numerator: share × base would give them back
        [cellKey('b', 'n'), share(30, 25)], // 5 in the complement: base − share × base would
        [cellKey('c', 'n'), share(40, 0)], // none at all: reveals no one
        [cellKey('d', 'n'), share(50, 20)],
        [cellKey('region', 'n'), share(150, 49)],
      ]),
    };
    expect(hiddenOf(suppressedCells(table, 10))).toEqual(['a/n', 'b/n']);
  });

  it('hides a withheld cell, but not an empty one', () => {
    const table = grid({ a: [30], b: [0], c: [40], d: [50], region: [120] }, { columns: ['n'], totalColumn: null });
    const cells = new Map(table.cells);
    cells.set(cellKey('a', 'n'), { base: 30, people: 30, withheld: true });
    cells.set(cellKey('b', 'n'), { base: 0, people: 0, withheld: true });
    expect(hiddenOf(suppressedCells({ ...table, cells }, 10))).toEqual(['a/n', 'c/n']);
  });

  it('finds a hidden cell that a chain of lines pins down although every line hides two, and hides more', () => {
    //            x   y   z   w  all: a/z joins two blocks of four hidden cells, it lies on no cycle of them
    const small = 3;
    const table = grid(
      {
        a: [small, small, small, 50, 59],
        b: [small, small, 50, 50, 106],
        c: [50, 50, small, small, 106],
        d: [50, 50, small, small, 106],
        e: [50, 50, 50, 50, 200],
        region: [156, 156, 109, 203, 624],
      },
      { columns: ['x', 'y', 'z', 'w'], totalColumn: 'all' },
    );
    const primary = new Set([...table.cells].filter(([, cell]) => cell.people < 10).map(([key]) => key));
    expect(hiddenOf(new Set(exposedCells(table, primary)))).toEqual(['a/z']);
    const hidden = suppressedCells(table, 10);
    expect(exposedCells(table, hidden)).toEqual([]);
    expect(hidden.size).toBeGreaterThan(primary.size);
  });

  it('sees a lone hidden cell of a column without totals across it as exposed, two as protected', () => {
    const table = grid({ a: [4], b: [20], c: [30], region: [54] }, { columns: ['n'], totalColumn: null });
    expect(hiddenOf(new Set(exposedCells(table, new Set([cellKey('a', 'n')]))))).toEqual(['a/n']);
    expect(exposedCells(table, new Set([cellKey('a', 'n'), cellKey('b', 'n')]))).toEqual([]);
  });
});
