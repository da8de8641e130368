/** The source of "now" for everything outside domain/: tests inject a fixed or advancing clock. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');

/** The one place the real time is read. Deciders never call it: their commands carry the time. */
// eslint-disable-next-line no-restricted-syntax -- the system clock is what the domain rule keeps deciders from reading
export const systemClock: Clock = { now: () => new Date() };
