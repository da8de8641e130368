import type { Clock } from './clock';
import { brusselsDateOf, type CalendarDate } from './calendar';

/** Today's date in Belgium, by the injected clock: the date commands decide on. */
export function today(clock: Clock): CalendarDate {
  return brusselsDateOf(clock.now());
}
