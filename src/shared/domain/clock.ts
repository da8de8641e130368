/** The source of "now" for everything outside domain/: tests inject a fixed or advancing clock. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('Clock');

export const systemClock: Clock = { now: () => new Date() };
