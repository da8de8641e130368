import {
  endOfBrusselsDay,
  periodEnd,
  periodLabel,
  periodStart,
  periodStarts,
  rangeTooLong,
  wholePeriods,
} from './periods';

describe('periods', () => {
  it('finds the period a date falls in, and names it', () => {
    expect(periodStart('month', '2025-02-17')).toBe('2025-02-01');
    expect(periodStart('quarter', '2025-08-31')).toBe('2025-07-01');
    expect(periodStart('year', '2025-08-31')).toBe('2025-01-01');
    expect(periodEnd('month', '2024-02-03')).toBe('2024-02-29');
    expect(periodEnd('quarter', '2025-11-03')).toBe('2025-12-31');
    expect(periodLabel('quarter', '2025-10-01')).toBe('2025-Q4');
    expect(periodLabel('month', '2025-10-01')).toBe('2025-10');
    expect(periodLabel('year', '2025-01-01')).toBe('2025');
  });

  it('widens a range to whole periods and lists them', () => {
    const range = wholePeriods('quarter', '2024-11-15', '2025-02-01');
    expect(range).toEqual({ period: 'quarter', from: '2024-10-01', to: '2025-03-31' });
    expect(periodStarts(range)).toEqual(['2024-10-01', '2025-01-01']);
    expect(periodStarts(wholePeriods('month', '2025-12-05', '2026-01-02'))).toEqual(['2025-12-01', '2026-01-01']);
  });

  it('refuses ranges longer than twenty years', () => {
    expect(rangeTooLong('2000-01-01', '2019-12-31')).toBe(false);
    expect(rangeTooLong('2000-01-01', '2020-01-01')).toBe(true);
  });

  it('reads a date as the end of that day in Belgium, summer and winter time', () => {
    expect(endOfBrusselsDay('2025-01-15')).toBe('2025-01-15T22:59:59.999999Z');
    expect(endOfBrusselsDay('2025-07-15')).toBe('2025-07-15T21:59:59.999999Z');
    // The night the clocks go forward (30 March 2025): the next midnight is already summer time.
    expect(endOfBrusselsDay('2025-03-30')).toBe('2025-03-30T21:59:59.999999Z');
    expect(endOfBrusselsDay('2025-10-26')).toBe('2025-10-26T22:59:59.999999Z');
  });
});
