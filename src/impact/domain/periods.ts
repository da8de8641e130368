import { brusselsDateOf, type CalendarDate } from '../../shared/domain/calendar';

/** The period grains an indicator is cut by. */
export const PERIODS = ['month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && (PERIODS as readonly string[]).includes(value);
}

/** The longest range one query may cover: enough for any trend, small enough to bound a response. */
export const MAX_RANGE_YEARS = 20;

function parts(date: CalendarDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function format(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first day of the period that contains `date`. */
export function periodStart(period: Period, date: CalendarDate): CalendarDate {
  const [year, month] = parts(date);
  if (period === 'year') return format(year, 1, 1);
  if (period === 'quarter') return format(year, month - ((month - 1) % 3), 1);
  return format(year, month, 1);
}

/** The first day of the period after the one starting on `start`. */
export function nextPeriodStart(period: Period, start: CalendarDate): CalendarDate {
  const [year, month] = parts(start);
  const months = period === 'year' ? 12 : period === 'quarter' ? 3 : 1;
  const index = year * 12 + (month - 1) + months;
  return format(Math.floor(index / 12), (index % 12) + 1, 1);
}

/** The last day of the period that contains `date`. */
export function periodEnd(period: Period, date: CalendarDate): CalendarDate {
  const next = nextPeriodStart(period, periodStart(period, date));
  const day = new Date(`${next}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/** How a period is named in results: `2026`, `2026-Q1`, `2026-03`. */
export function periodLabel(period: Period, start: CalendarDate): string {
  const [year, month] = parts(start);
  if (period === 'year') return String(year);
  if (period === 'quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return start.slice(0, 7);
}

/** A range widened to whole periods: a figure for March covers all of March, whatever day `from` names. */
export interface PeriodRange {
  readonly period: Period;
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

export function wholePeriods(period: Period, from: CalendarDate, to: CalendarDate): PeriodRange {
  return { period, from: periodStart(period, from), to: periodEnd(period, to) };
}

/** The start of every period of the range, in order. */
export function periodStarts(range: PeriodRange): CalendarDate[] {
  const starts: CalendarDate[] = [];
  for (let start = periodStart(range.period, range.from); start <= range.to;) {
    starts.push(start);
    start = nextPeriodStart(range.period, start);
  }
  return starts;
}

/** Whether the range spans more than `MAX_RANGE_YEARS` years. */
export function rangeTooLong(from: CalendarDate, to: CalendarDate): boolean {
  const [fromYear, fromMonth, fromDay] = parts(from);
  const limit = format(fromYear + MAX_RANGE_YEARS, fromMonth, fromDay);
  return to >= limit;
}

/** The default range when none is given: the calendar year up to `today`. */
export function defaultFrom(to: CalendarDate): CalendarDate {
  return periodStart('year', to);
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The last instant of `date` in Belgium, as ISO text with microseconds (what PostgreSQL stores): `asOf=2026-03-31`
 * means everything recorded by the end of that day, in summer and in winter time alike.
 */
export function endOfBrusselsDay(date: CalendarDate): string {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS);
  const nextDate = next.toISOString().slice(0, 10);
  // Midnight in Brussels is 22:00 or 23:00 UTC the day before: the first candidate already on the next day.
  const midnight = [2, 1, 0]
    .map((hours) => new Date(next.getTime() - hours * 3600 * 1000))
    .find((instant) => brusselsDateOf(instant) === nextDate)!;
  return `${new Date(midnight.getTime() - 1000).toISOString().slice(0, 19)}.999999Z`;
}
