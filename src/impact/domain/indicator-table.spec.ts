import { buildTable, type AggregateRow } from './indicator-table';
import { findIndicator } from './indicators';
import { wholePeriods } from './periods';

function row(municipalityId: string | null, people: number, category: string | null = null): AggregateRow {
  return {
    periodStart: '2025-01-01',
    municipalityId,
    category,
    base: people,
    people,
    hits: 0,
    hitPeople: 0,
    missPeople: people,
    mean: null,
    median: null,
    p90: null,
  };
}

const reach = findIndicator('reach_per_1000')!;
const range = wholePeriods('year', '2025-01-01', '2025-12-31');
const municipalities = [
  { municipalityId: 'a', name: 'A' },
  { municipalityId: 'b', name: 'B' },
];

describe('the published table', () => {
  it('rates the region over the summed populations, and not at all when a municipality with people has none', () => {
    const populations: Record<string, number> = { a: 20_000, b: 10_000 };
    const input = {
      definition: reach,
      range,
      municipalities,
      population: (municipalityId: string) => populations[municipalityId] ?? null,
      threshold: 10,
    };
    const full = buildTable({ ...input, rows: [row('a', 30), row('b', 15), row(null, 45)] });
    expect(full.map((cell) => [cell.municipalityId, cell.value])).toEqual([
      ['a', 1.5],
      ['b', 1.5],
      [null, 1.5],
    ]);
    delete populations.b;
    const partial = buildTable({ ...input, rows: [row('a', 30), row('b', 15), row(null, 45)] });
    // A rate over A alone would let anyone subtract B's people back out of the region's published base.
    expect(partial.map((cell) => [cell.municipalityId, cell.value, cell.base])).toEqual([
      ['a', 1.5, 30],
      ['b', null, 15],
      [null, null, 45],
    ]);
  });

  it('gives a municipality the rows name but the list lacks a row of its own, suppressed with the rest', () => {
    const cells = buildTable({
      definition: reach,
      range,
      municipalities,
      rows: [row('a', 30), row('b', 25), row('unlisted', 4), row(null, 59)],
      population: () => 10_000,
      threshold: 10,
    });
    expect(cells.map((cell) => [cell.municipalityId, cell.suppressed])).toEqual([
      ['a', false],
      ['b', true],
      ['unlisted', true],
      [null, false],
    ]);
  });

  it('hides in a share at least what its base alone requires, so that a sibling over the same people fills no gap', () => {
    const four = ['a', 'b', 'c', 'd'].map((id) => ({ municipalityId: id, name: id.toUpperCase() }));
    // People reached: a 4 (too few), b 24, c 25, d 30. First-time: in c only 3 people were (the numerator).
    const people: [string | null, number, number][] = [
      ['a', 4, 2],
      ['b', 24, 12],
      ['c', 25, 3],
      ['d', 30, 15],
      [null, 83, 32],
    ];
    const rows = people.map(([id, count, hits]) => ({
      ...row(id, count),
      hits,
      hitPeople: hits,
      missPeople: count - hits,
    }));
    const table = (code: string) =>
      buildTable({
        definition: findIndicator(code)!,
        range,
        municipalities: four,
        rows,
        population: () => 10_000,
        threshold: 10,
      })
        .filter((cell) => cell.suppressed)
        .map((cell) => cell.municipalityId);
    expect(table('reach_per_1000')).toEqual(['a', 'b']);
    // Alone, the share would hide a and c only: reach's published c (25) and its own published b (24) would give a
    // back from the region's 83. On top of the bases' pattern, a stays hidden in both with b.
    expect(table('first_time_share')).toEqual(['a', 'b', 'c']);
  });
});
