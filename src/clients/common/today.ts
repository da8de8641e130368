import type { Clock } from '../../shared/domain/clock';
import { brusselsDateOf, type CalendarDate } from '../domain/calendar';

/** Today's date in Belgium, by the injected clock: the date commands decide on. */
export function today(clock: Clock): CalendarDate {
  return brusselsDateOf(clock.now());
}
