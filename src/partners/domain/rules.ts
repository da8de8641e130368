import { DomainRuleViolation } from '../../shared/domain/domain-error';

/** Refusal codes that mean "no such resource": the HTTP layer answers them with 404 rather than 409. */
export const NOT_FOUND_CODES = new Set([
  'ORGANISATION_NOT_FOUND',
  'MUNICIPALITY_NOT_FOUND',
  'CATALOGUE_RIGHT_NOT_FOUND',
  'RATE_PERIOD_NOT_FOUND',
  'CO_FUNDING_AGREEMENT_NOT_FOUND',
]);

export function refuse(code: string, detail: string): never {
  throw new DomainRuleViolation(code, detail);
}

/** A name as reference data holds it: not blank, at most `max` characters. */
export function requireName(value: string, code: string, what: string, max = 200): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > max) refuse(code, `${what} must be 1 to ${max} characters`);
  return trimmed;
}
