import { DomainRuleViolation } from '../../shared/domain/domain-error';
import { ProblemException } from '../../shared/http/problem-details';
import { NOT_FOUND_CODES } from '../domain/referral.decider';

/**
 * Passes a command's error on, turning the decider's "no such resource" refusals into 404 problems and its own
 * input guard into a 400; the other refusals stay 409s, which the global filter answers.
 */
export function rethrowAsProblem(error: unknown): never {
  if (error instanceof DomainRuleViolation && NOT_FOUND_CODES.has(error.code)) {
    throw new ProblemException(404, error.code, 'Not found', error.detail);
  }
  if (error instanceof DomainRuleViolation && error.code === 'INVALID_REFERRAL_DATA') {
    throw new ProblemException(400, error.code, 'The request is invalid', error.detail);
  }
  throw error;
}

export function referralNotFound(): ProblemException {
  return new ProblemException(404, 'REFERRAL_NOT_FOUND', 'Not found', 'No such referral.');
}

export function trajectoryNotFound(): ProblemException {
  return new ProblemException(404, 'TRAJECTORY_NOT_FOUND', 'Not found', 'No such intake trajectory.');
}

export function clientErased(): DomainRuleViolation {
  return new DomainRuleViolation('CLIENT_ERASED', "This person's personal data has been erased");
}
