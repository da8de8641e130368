import type { FieldProblem } from '../../shared/domain/field-problem';
import { type CalendarDate, EARLIEST_BIRTH_DATE, isCalendarDate } from '../../shared/domain/calendar';
import { checkInsz, INSZ_PROBLEM_MESSAGES, inszMatchesBirthDate, normaliseInsz } from './insz';
import { MAX_HOUSEHOLD_MEMBERS, MAX_NAME_LENGTH } from './client.values';

/** A postal address in Belgium. The municipality of residence is kept apart, as a reference (`municipalityId`). */
export interface PostalAddress {
  readonly street: string;
  readonly houseNumber: string;
  readonly box: string | null;
  readonly postalCode: string;
  readonly place: string;
}

/**
 * The personal data of a person: what identifies them or reaches them. It only ever leaves this process sealed
 * with the person's data key (docs/privacy.md); the domain sees it in commands, never in events.
 */
export interface PersonalDetails {
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: CalendarDate;
  /** 11 digits, no separators; null for people without one (not everyone has an INSZ). */
  readonly insz: string | null;
  readonly phone: string | null;
  /**
   * The language the person prefers to be spoken to in (ISO 639 code, `nl`, `fr`, `ar`…), for a warm hand-off
   * (docs/adr/0028). Absent in details sealed before it existed: read as null.
   */
  readonly preferredLanguage?: string | null;
  /** Null for people without a home address (homelessness is common among clients). */
  readonly address: PostalAddress | null;
}

export interface Household {
  readonly adults: number;
  readonly children: number;
}

const PHONE = /^\+?[0-9][0-9 ()./-]{4,24}$/;
/** An ISO 639-1 or 639-3 language code, lower case. */
export const LANGUAGE_CODE = /^[a-z]{2,3}$/;

/** Trims and collapses inner whitespace, the form in which names and addresses are kept. */
export function tidy(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** Personal details as stored: trimmed names, the INSZ as digits, a box that is blank as null. */
export function normalisePersonalDetails(details: PersonalDetails): PersonalDetails {
  return {
    givenName: tidy(details.givenName),
    familyName: tidy(details.familyName),
    birthDate: details.birthDate,
    insz: details.insz === null || tidy(details.insz) === '' ? null : normaliseInsz(details.insz),
    phone: details.phone === null || tidy(details.phone) === '' ? null : tidy(details.phone),
    preferredLanguage: preferredLanguageOf(details),
    address: details.address === null ? null : normaliseAddress(details.address),
  };
}

/** The preferred language as kept: null when none was recorded (details sealed before it existed have none). */
export function preferredLanguageOf(details: Pick<PersonalDetails, 'preferredLanguage'>): string | null {
  const language = details.preferredLanguage;
  return language === undefined || language === null || tidy(language) === '' ? null : tidy(language).toLowerCase();
}

export function normaliseAddress(address: PostalAddress): PostalAddress {
  const box = address.box === null ? null : tidy(address.box);
  return {
    street: tidy(address.street),
    houseNumber: tidy(address.houseNumber),
    box: box === '' ? null : box,
    postalCode: tidy(address.postalCode),
    place: tidy(address.place),
  };
}

/** Every rule personal details obey, as field problems (empty: valid). `today` is the date in Belgium. */
export function personalDetailsProblems(details: PersonalDetails, today: CalendarDate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['givenName', 'familyName'] as const) {
    const value = tidy(details[field]);
    if (value === '' || value.length > MAX_NAME_LENGTH) {
      problems.push({ field, message: `${field} must be 1 to ${MAX_NAME_LENGTH} characters` });
    }
  }
  const birthDateValid = isCalendarDate(details.birthDate);
  if (!birthDateValid) {
    problems.push({ field: 'birthDate', message: 'birthDate must be a date (YYYY-MM-DD)' });
  } else if (details.birthDate > today) {
    problems.push({ field: 'birthDate', message: 'birthDate must not be in the future' });
  } else if (details.birthDate < EARLIEST_BIRTH_DATE) {
    problems.push({ field: 'birthDate', message: `birthDate must not be before ${EARLIEST_BIRTH_DATE}` });
  }
  if (details.insz !== null) {
    const check = checkInsz(details.insz, today);
    if (!check.valid) {
      problems.push({ field: 'insz', message: INSZ_PROBLEM_MESSAGES[check.problem] });
    } else if (birthDateValid && !inszMatchesBirthDate(check.facts, details.birthDate)) {
      problems.push({ field: 'insz', message: 'insz does not match birthDate' });
    }
  }
  problems.push(...contactProblems(details));
  if (details.address !== null) problems.push(...addressProblems(details.address, 'address'));
  return problems;
}

/** The rules on the phone and the preferred language (a change of contact details checks only these). */
export function contactProblems(details: Pick<PersonalDetails, 'phone' | 'preferredLanguage'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (details.phone !== null && !PHONE.test(tidy(details.phone))) {
    problems.push({ field: 'phone', message: 'phone must be a phone number (digits, spaces, + . / - ( ))' });
  }
  const language = preferredLanguageOf(details);
  if (language !== null && !LANGUAGE_CODE.test(language)) {
    problems.push({
      field: 'preferredLanguage',
      message: 'preferredLanguage must be a language code (ISO 639: nl, fr…)',
    });
  }
  return problems;
}

export function addressProblems(address: PostalAddress, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const limits: [keyof PostalAddress, number][] = [
    ['street', 200],
    ['houseNumber', 20],
    ['place', 100],
  ];
  for (const [field, max] of limits) {
    const value = tidy(String(address[field] ?? ''));
    if (value === '' || value.length > max) {
      problems.push({ field: `${prefix}.${field}`, message: `${field} must be 1 to ${max} characters` });
    }
  }
  if (address.box !== null && tidy(address.box).length > 20) {
    problems.push({ field: `${prefix}.box`, message: 'box must be at most 20 characters' });
  }
  if (!/^[1-9]\d{3}$/.test(tidy(address.postalCode))) {
    problems.push({ field: `${prefix}.postalCode`, message: 'postalCode must be a Belgian postal code (4 digits)' });
  }
  return problems;
}

export function householdProblems(household: Household): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['adults', 'children'] as const) {
    const value = household[field];
    if (!Number.isInteger(value) || value < 0 || value > MAX_HOUSEHOLD_MEMBERS) {
      problems.push({
        field: `household.${field}`,
        message: `${field} must be a whole number from 0 to ${MAX_HOUSEHOLD_MEMBERS}`,
      });
    }
  }
  if (problems.length === 0 && household.adults + household.children < 1) {
    problems.push({ field: 'household', message: 'a household has at least one member' });
  }
  return problems;
}

/**
 * A name and birth date in the form duplicates are compared in: letters only, lower case, accents and punctuation
 * gone (`Dupont-Van Hecke` and `dupont van hecke` are the same), family name first. Only its keyed hash is stored.
 */
export function nameAndBirthDateKey(details: Pick<PersonalDetails, 'givenName' | 'familyName' | 'birthDate'>): string {
  return `${foldName(details.familyName)}|${foldName(details.givenName)}|${details.birthDate}`;
}

/** Letters and digits only, lower case, accents gone, words separated by one space. */
function foldName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A name in the form a search by name compares it in (docs/adr/0028): as `foldName`, with the spaces gone too, so
 * that "Van den Broeck", "vandenbroeck", "VAN DEN BROECK" and "Van Den Bröeck" are one name (`Van`/`van`/`Vande`
 * written apart or together). Only its keyed hash is stored.
 */
export function searchNameKey(name: string): string {
  return foldName(name).replace(/ /g, '');
}

/** The shortest name a search takes, once folded: one letter would list half the region. */
export const MIN_SEARCH_NAME_LENGTH = 2;
