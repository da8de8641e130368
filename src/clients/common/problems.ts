import { DomainRuleViolation } from '../../shared/domain/domain-error';
import type { ApiTexts } from '../../shared/http/openapi';
import { ProblemException } from '../../shared/http/problem-details';
import { NOT_FOUND_CODES } from '../domain/rules';

/**
 * Passes a command's error on, turning the decider's "no such resource" refusals into 404 problems and its own
 * input guard into a 400 (the other refusals stay 409s, which the global filter answers).
 */
export function rethrowAsProblem(error: unknown): never {
  if (error instanceof DomainRuleViolation && NOT_FOUND_CODES.has(error.code)) {
    throw new ProblemException(404, error.code, 'Not found', error.detail);
  }
  if (error instanceof DomainRuleViolation && error.code === 'INVALID_CLIENT_DATA') {
    throw new ProblemException(400, error.code, 'The request is invalid', error.detail);
  }
  throw error;
}

export function clientNotFound(): ProblemException {
  return new ProblemException(404, 'CLIENT_NOT_FOUND', 'Not found', 'No such person.');
}

/** A person whose personal data was erased: there is nothing left to show (GDPR art. 17). */
export function clientErased(): ProblemException {
  return new ProblemException(410, 'CLIENT_ERASED', 'Gone', "This person's personal data has been erased.");
}

/** How the OpenAPI document words this capability's problem answers (`ApiCommandEndpoint`, `ApiProblemsWith`). */
export const CLIENT_API_TEXTS: ApiTexts = {
  resource: 'person',
  problems: {
    404: 'No such person (`CLIENT_NOT_FOUND`), or consent (`CONSENT_NOT_FOUND`).',
    410: "`CLIENT_ERASED`: the person's personal data has been erased.",
  },
};
