import type { IndicatorDefinition } from '../../../src/impact/domain/indicators';
import type { IndicatorCellView } from '../../../src/impact/read-indicators/indicator.view';

/**
 * What a curious analyst can work out exactly from one published table, by the attacks docs/analysts.md lists:
 * a share's numerator and complement (share × base, base − share × base), a mean's sum (mean × base: the sums are
 * whole numbers and the bases small, so rounding hides nothing), and every linear combination of the lines a table
 * adds up along (region minus municipalities, a total minus its categories, a base minus the other cells, chained
 * across rows and columns), solved by Gaussian elimination. Written independently of the suppression code: it knows
 * nothing of lines' hidden counts or graphs, only the sums.
 */

/** An additive quantity of a cell: every line of the table adds up in it. */
export type Quantity = 'base' | 'numerator' | 'complement' | 'sum';

export function quantitiesOf(definition: IndicatorDefinition): Quantity[] {
  if (definition.aggregate === 'share') return ['base', 'numerator', 'complement'];
  if (definition.aggregate === 'mean') return ['base', 'sum'];
  return ['base'];
}

/** The quantity a published cell gives away; null when the cell is hidden. */
export function published(cell: IndicatorCellView, quantity: Quantity): number | null {
  if (cell.suppressed || cell.base === null) return null;
  const numerator = Math.round((cell.value ?? 0) * cell.base);
  switch (quantity) {
    case 'base':
      return cell.base;
    case 'numerator':
    case 'sum':
      return numerator;
    case 'complement':
      return cell.base - numerator;
  }
}

const key = (cell: Pick<IndicatorCellView, 'period' | 'municipalityId' | 'category'>) =>
  `${cell.period}|${cell.municipalityId ?? 'region'}|${cell.category ?? ''}`;

/** The lines of a table: sets of cells whose inner cells add up to a total, per period. */
function linesOf(
  definition: IndicatorDefinition,
  cells: readonly IndicatorCellView[],
): { inner: string[]; total: string }[] {
  const lines: { inner: string[]; total: string }[] = [];
  const periods = [...new Set(cells.map((cell) => cell.period))];
  const areas = [...new Set(cells.map((cell) => cell.municipalityId))];
  const categories = [...new Set(cells.map((cell) => cell.category))];
  const at = (period: string, municipalityId: string | null, category: string | null) =>
    key({ period, municipalityId, category });
  for (const period of periods) {
    for (const category of categories) {
      lines.push({
        inner: areas.filter((area) => area !== null).map((area) => at(period, area, category)),
        total: at(period, null, category),
      });
    }
    if (definition.breakdown?.total) {
      for (const area of areas) {
        lines.push({
          inner: categories.filter((category) => category !== 'all').map((category) => at(period, area, category)),
          total: at(period, area, 'all'),
        });
      }
    }
  }
  return lines;
}

/**
 * The hidden cells whose `quantity` the published cells determine exactly, with the value worked out. Each line is
 * an equation over the hidden cells (the published ones move to the right-hand side); a hidden cell is determined
 * when the reduced row echelon form has a row naming it alone.
 */
export function recovered(
  definition: IndicatorDefinition,
  cells: readonly IndicatorCellView[],
  quantity: Quantity,
): Map<string, number> {
  const byKey = new Map(cells.map((cell) => [key(cell), cell]));
  const unknowns = cells.filter((cell) => cell.suppressed).map(key);
  const column = new Map(unknowns.map((name, index) => [name, index]));
  const rows: number[][] = [];
  for (const line of linesOf(definition, cells)) {
    const row = new Array<number>(unknowns.length + 1).fill(0);
    let touches = false;
    const add = (name: string, sign: number) => {
      const index = column.get(name);
      if (index !== undefined) {
        row[index]! += sign;
        touches = true;
      } else row[unknowns.length]! -= sign * (published(byKey.get(name)!, quantity) ?? 0);
    };
    for (const name of line.inner) add(name, 1);
    add(line.total, -1);
    if (touches) rows.push(row);
  }
  // Gauss-Jordan over the rationals the ±1 coefficients make; a tolerance for the floating point.
  const width = unknowns.length;
  let pivotRow = 0;
  const pivots: number[] = [];
  for (let col = 0; col < width && pivotRow < rows.length; col++) {
    const found = rows.findIndex((row, index) => index >= pivotRow && Math.abs(row[col]!) > 1e-9);
    if (found === -1) continue;
    [rows[pivotRow], rows[found]] = [rows[found]!, rows[pivotRow]!];
    const pivot = rows[pivotRow]!;
    const factor = pivot[col]!;
    for (let c = 0; c <= width; c++) pivot[c]! /= factor;
    for (const [index, row] of rows.entries()) {
      if (index === pivotRow || Math.abs(row[col]!) < 1e-9) continue;
      const times = row[col]!;
      for (let c = 0; c <= width; c++) row[c]! -= times * pivot[c]!;
    }
    pivots.push(col);
    pivotRow++;
  }
  const found = new Map<string, number>();
  pivots.forEach((col, index) => {
    const row = rows[index]!;
    const others = row.slice(0, width).filter((coefficient, c) => c !== col && Math.abs(coefficient) > 1e-9);
    if (others.length === 0) found.set(unknowns[col]!, Math.round(row[width]!));
  });
  return found;
}

export { key as cellKeyOf };
