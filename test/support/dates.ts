import { brusselsDateOf } from '../../src/shared/domain/calendar';

/** Today in Belgium, as the service dates what it records; evaluated when called. */
export const brusselsToday = (): string => brusselsDateOf(new Date());

const STARTED_ON = brusselsToday();

/**
 * Matches the date the service recorded as today: the day this test file started or, had the run crossed midnight
 * in Belgium meanwhile (a slow run near 23:00 UTC), the day it is now. A constant taken once at load fails then.
 */
export const recordedToday = (): string =>
  expect.stringMatching(new RegExp(`^(${STARTED_ON}|${brusselsToday()})$`)) as string;
