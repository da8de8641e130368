import { DomainRuleViolation } from '../../shared/domain/domain-error';
import { ProblemException } from '../../shared/http/problem-details';
import { NOT_FOUND_CODES } from '../domain/rules';

/**
 * Passes a command's error on, turning the deciders' "no such resource" refusals into 404 problems (the other
 * refusals stay 409s, which the global filter answers).
 */
export function rethrowAsProblem(error: unknown): never {
  if (error instanceof DomainRuleViolation && NOT_FOUND_CODES.has(error.code)) {
    throw new ProblemException(404, error.code, 'Not found', error.detail);
  }
  throw error;
}

export function notFound(code: string, detail: string): ProblemException {
  return new ProblemException(404, code, 'Not found', detail);
}
