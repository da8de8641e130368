import { DomainRuleViolation } from '../../shared/domain/domain-error';

/** Refusal codes that mean "no such resource": the HTTP layer answers them with 404 rather than 409. */
export const NOT_FOUND_CODES = new Set(['CLIENT_NOT_FOUND', 'CONSENT_NOT_FOUND']);

export function refuse(code: string, detail: string): never {
  throw new DomainRuleViolation(code, detail);
}
