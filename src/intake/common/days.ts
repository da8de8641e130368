import type { CalendarDate } from '../../shared/domain/calendar';

const DAY_MS = 86_400_000;

/** Whole days from one calendar date to a later one (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
