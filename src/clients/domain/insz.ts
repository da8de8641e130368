import { type CalendarDate, daysInMonth } from '../../shared/domain/calendar';

/**
 * The INSZ (identificatienummer van de sociale zekerheid): the national register number (rijksregisternummer) or,
 * for people not in the register, a BIS number. Eleven digits `YYMMDD SSS CC`: birth date, a sequence number and a
 * check number, 97 minus the first nine digits modulo 97. For births from 2000 on, a 2 is put before the nine
 * digits first (so the check number also tells the century). A BIS number adds 20 (sex unknown) or 40 (sex known)
 * to the month. A birth date not fully known has zeros in the unknown parts.
 */
export type InszKind = 'national_register' | 'bis';

export interface InszFacts {
  /** The 11 digits, without separators. */
  readonly digits: string;
  readonly kind: InszKind;
  readonly birthYear: number;
  /** Null when the register does not know it. */
  readonly birthMonth: number | null;
  readonly birthDay: number | null;
}

export type InszProblem = 'format' | 'checksum' | 'date';

export type InszCheck =
  { readonly valid: true; readonly facts: InszFacts } | { readonly valid: false; readonly problem: InszProblem };

/** Digits only: people write `85.07.30-033.28` or `85073003328`. */
export function normaliseInsz(raw: string): string {
  return raw.replace(/[\s.\-/]/g, '');
}

/** Checks the form, the check number (both centuries) and the date; `today` also refuses a birth in the future. */
export function checkInsz(raw: string, today?: CalendarDate): InszCheck {
  const digits = normaliseInsz(raw);
  if (!/^\d{11}$/.test(digits)) return { valid: false, problem: 'format' };
  const base = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  const century =
    check === 97 - (Number(base) % 97) ? 1900 : check === 97 - (Number(`2${base}`) % 97) ? 2000 : undefined;
  if (century === undefined) return { valid: false, problem: 'checksum' };

  const rawMonth = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  let month: number;
  let kind: InszKind;
  if (rawMonth <= 12) {
    month = rawMonth;
    kind = 'national_register';
  } else if (rawMonth >= 20 && rawMonth <= 32) {
    month = rawMonth - 20;
    kind = 'bis';
  } else if (rawMonth >= 40 && rawMonth <= 52) {
    month = rawMonth - 40;
    kind = 'bis';
  } else {
    return { valid: false, problem: 'date' };
  }
  const year = century + Number(digits.slice(0, 2));
  if (month === 0) {
    // Month unknown: so is the day, whatever the digits say.
    if (day > 31) return { valid: false, problem: 'date' };
  } else if (day > daysInMonth(year, month)) {
    return { valid: false, problem: 'date' };
  }
  const facts: InszFacts = {
    digits,
    kind,
    birthYear: year,
    birthMonth: month === 0 ? null : month,
    birthDay: month === 0 || day === 0 ? null : day,
  };
  if (today !== undefined && isAfter(facts, today)) return { valid: false, problem: 'date' };
  return { valid: true, facts };
}

/** Whether the INSZ agrees with a birth date: every part the INSZ knows must be the same. */
export function inszMatchesBirthDate(facts: InszFacts, birthDate: CalendarDate): boolean {
  const [year, month, day] = birthDate.split('-').map(Number);
  return (
    facts.birthYear === year &&
    (facts.birthMonth === null || facts.birthMonth === month) &&
    (facts.birthDay === null || facts.birthDay === day)
  );
}

/** A birth after `today`, as far as the INSZ knows the date. */
function isAfter(facts: InszFacts, today: CalendarDate): boolean {
  const pad = (value: number) => String(value).padStart(2, '0');
  const known = `${facts.birthYear}-${pad(facts.birthMonth ?? 1)}-${pad(facts.birthDay ?? 1)}`;
  return known > today;
}

/** What a person is told about an invalid INSZ (field messages of a 400): never the number itself. */
export const INSZ_PROBLEM_MESSAGES: Readonly<Record<InszProblem, string>> = {
  format: 'insz must be 11 digits (separators allowed)',
  checksum: 'insz has a wrong check number',
  date: 'insz holds an impossible or future birth date',
};
