import { LIFE_DOMAINS } from '../../partners';
import { type CalendarDate, isCalendarDate } from '../../shared/domain/calendar';
import type { FieldProblem } from '../../shared/domain/field-problem';
import { LIFE_DOMAIN_SCORE_MAX, LIFE_DOMAIN_SCORE_MIN, PROBLEM_FLAGS } from './intake.values';

/**
 * The rules on a command's input, as field problems: the HTTP layer lists them in one 400 together with the shape
 * errors, and the decider repeats them as its own guard. Messages never quote values.
 */

/** Where a trajectory's facts may lie in time: not in the future, not before it was opened (or another bound). */
export interface DateBounds {
  readonly today: CalendarDate;
  /** The earliest date allowed, and what it is, for the message. */
  readonly notBefore?: { readonly date: CalendarDate; readonly what: string };
}

export function occurredOnProblems(occurredOn: unknown, bounds: DateBounds, field = 'occurredOn'): FieldProblem[] {
  if (!isCalendarDate(occurredOn)) return [{ field, message: `${field} must be a date (YYYY-MM-DD)` }];
  if (occurredOn > bounds.today) return [{ field, message: `${field} must not be in the future` }];
  if (bounds.notBefore && occurredOn < bounds.notBefore.date) {
    return [{ field, message: `${field} must not be before ${bounds.notBefore.what}` }];
  }
  return [];
}

export function oneOfProblems(field: string, value: unknown, allowed: readonly string[], what: string): FieldProblem[] {
  return typeof value === 'string' && allowed.includes(value) ? [] : [{ field, message: `${field} must be ${what}` }];
}

export function lifeDomainProblems(field: string, value: unknown): FieldProblem[] {
  return oneOfProblems(field, value, LIFE_DOMAINS, 'a known life domain');
}

/**
 * A (partial) assessment: scores 1–5 for known life domains, known problem flags, each once; at least one score or
 * flag, or there is nothing to record.
 */
export function assessmentProblems(scores: unknown, problemFlags: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const scoreEntries =
    typeof scores === 'object' && scores !== null && !Array.isArray(scores) ? Object.entries(scores) : undefined;
  if (scoreEntries === undefined) {
    problems.push({ field: 'scores', message: 'scores must be an object of life domains and scores' });
  }
  // An unknown key is the caller's text: counted under `scores`, never named.
  const unknownDomains = (scoreEntries ?? []).filter(
    ([domain]) => !(LIFE_DOMAINS as readonly string[]).includes(domain),
  );
  if (unknownDomains.length > 0) {
    problems.push({ field: 'scores', message: `${unknownDomains.length} key(s) are not a known life domain` });
  }
  for (const [domain, score] of scoreEntries ?? []) {
    if (!(LIFE_DOMAINS as readonly string[]).includes(domain)) continue;
    if (
      typeof score !== 'number' ||
      !Number.isInteger(score) ||
      score < LIFE_DOMAIN_SCORE_MIN ||
      score > LIFE_DOMAIN_SCORE_MAX
    ) {
      problems.push({
        field: `scores.${domain}`,
        message: `a score must be a whole number from ${LIFE_DOMAIN_SCORE_MIN} to ${LIFE_DOMAIN_SCORE_MAX}`,
      });
    }
  }
  const flags = Array.isArray(problemFlags) ? (problemFlags as unknown[]) : undefined;
  if (flags === undefined) problems.push({ field: 'problemFlags', message: 'problemFlags must be a list' });
  flags?.forEach((flag, index) => {
    problems.push(...oneOfProblems(`problemFlags.${index}`, flag, PROBLEM_FLAGS, 'a known problem flag'));
  });
  if (flags && new Set(flags).size !== flags.length) {
    problems.push({ field: 'problemFlags', message: 'problemFlags must not repeat a flag' });
  }
  if (scoreEntries?.length === 0 && flags?.length === 0) {
    problems.push({ field: 'scores', message: 'an assessment needs at least one score or problem flag' });
  }
  return problems;
}

/** Euro cents per period, where a right is an amount. */
export function amountProblems(amountCents: unknown): FieldProblem[] {
  if (amountCents === null) return [];
  return typeof amountCents === 'number' && Number.isSafeInteger(amountCents) && amountCents >= 0
    ? []
    : [{ field: 'amountCents', message: 'amountCents must be a whole number of cents, not negative' }];
}

/** A right granted until a date: a real date, not before the grant. */
export function grantedUntilProblems(grantedUntil: unknown, grantedOn: unknown): FieldProblem[] {
  if (grantedUntil === null) return [];
  if (!isCalendarDate(grantedUntil)) {
    return [{ field: 'grantedUntil', message: 'grantedUntil must be a date (YYYY-MM-DD)' }];
  }
  if (isCalendarDate(grantedOn) && grantedUntil < grantedOn) {
    return [{ field: 'grantedUntil', message: 'grantedUntil must not be before occurredOn' }];
  }
  return [];
}
