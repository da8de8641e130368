import { NotFound, refuse } from '../../shared/domain/domain-error';

/** "No such resource": one code and text per resource, from the deciders and the reads alike (404). */
export const noSuch = {
  organisation: () => new NotFound('ORGANISATION_NOT_FOUND', 'No such organisation'),
  municipality: () => new NotFound('MUNICIPALITY_NOT_FOUND', 'No such municipality'),
  catalogueRight: () => new NotFound('CATALOGUE_RIGHT_NOT_FOUND', 'No such right in the catalogue'),
  ratePeriod: () => new NotFound('RATE_PERIOD_NOT_FOUND', 'No such rate period in the schedule'),
  coFundingAgreement: () =>
    new NotFound('CO_FUNDING_AGREEMENT_NOT_FOUND', 'No such co-funding agreement in the schedule'),
} as const;

/** A name as reference data holds it: not blank, at most `max` characters. */
export function requireName(value: string, code: string, what: string, max = 200): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > max) refuse(code, `${what} must be 1 to ${max} characters`);
  return trimmed;
}
