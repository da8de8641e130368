/**
 * Calendar dates (`YYYY-MM-DD`): birth dates, the date a move took effect, a consent's validity. They are dates in
 * Belgium, so an instant is read as its date in Europe/Brussels. ISO dates compare correctly as strings.
 */
export type CalendarDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A real date in the form `YYYY-MM-DD` (no 30 February). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const BRUSSELS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The date an instant falls on in Belgium. */
export function brusselsDateOf(instant: Date): CalendarDate {
  return BRUSSELS.format(instant);
}

export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

/** The earliest birth date accepted: older records are typing mistakes. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** A calendar date plus whole days (calendar days: weekends and holidays count). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
