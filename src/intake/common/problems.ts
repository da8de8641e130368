import { DomainRuleViolation } from '../../shared/domain/domain-error';
import { ProblemException } from '../../shared/http/problem-details';
import { INVALID_INTAKE_DATA, NOT_FOUND_CODES } from '../domain/rules';

/**
 * Passes a command's error on, turning the decider's "no such resource" refusals into 404 problems and its own
 * input guard into a 400 (the other refusals stay 409s, which the global filter answers).
 */
export function rethrowAsProblem(error: unknown): never {
  if (error instanceof DomainRuleViolation && NOT_FOUND_CODES.has(error.code)) {
    throw new ProblemException(404, error.code, 'Not found', error.detail);
  }
  if (error instanceof DomainRuleViolation && error.code === INVALID_INTAKE_DATA) {
    throw new ProblemException(400, error.code, 'The request is invalid', error.detail);
  }
  throw error;
}

export function trajectoryNotFound(): ProblemException {
  return new ProblemException(404, 'INTAKE_TRAJECTORY_NOT_FOUND', 'Not found', 'No such intake trajectory.');
}

/** One open intake per person per organisation (docs/adr/0014). */
export function intakeAlreadyOpen(): ProblemException {
  return new ProblemException(
    409,
    'INTAKE_ALREADY_OPEN',
    'An intake is open already',
    'This organisation has an open intake trajectory for this person already; work in that one.',
  );
}

export function clientErased(): ProblemException {
  return new ProblemException(409, 'CLIENT_ERASED', 'Refused', "This person's personal data has been erased.");
}
