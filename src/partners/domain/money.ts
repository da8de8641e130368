/**
 * Money is held in integer euro cents, never in floating point (docs/adr/0009-reference-data-and-contributions.md).
 * Amounts cross the API as exact decimal strings with two decimals ("28144.00") next to their cents.
 */
export type Cents = number;

const EUROS = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** "0.53" → 53; "1" → 100. Undefined for anything that is not a non-negative amount with at most two decimals. */
export function parseEuros(text: string): Cents | undefined {
  const match = EUROS.exec(text);
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/** 2814400 → "28144.00"; -5 → "-0.05". */
export function formatEuros(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError('An amount in cents must be a safe integer');
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** Rounds a non-negative amount of cents down to whole euros, in integer arithmetic. */
export function wholeEurosDown(cents: Cents): Cents {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError('Expected a non-negative amount in cents');
  return cents - (cents % 100);
}
