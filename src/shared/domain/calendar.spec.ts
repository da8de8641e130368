import { brusselsDateOf, isCalendarDate } from './calendar';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-13-01')).toBe(false);
    expect(isCalendarDate('2023-1-01')).toBe(false);
    expect(isCalendarDate(20230101)).toBe(false);
  });

  it('reads an instant as its date in Belgium, summer and winter', () => {
    expect(brusselsDateOf(new Date('2026-03-14T23:30:00Z'))).toBe('2026-03-15'); // CET, UTC+1
    expect(brusselsDateOf(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01'); // CEST, UTC+2
    expect(brusselsDateOf(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });
});
