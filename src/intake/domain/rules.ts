import { DomainRuleViolation } from '../../shared/domain/domain-error';
import type { FieldProblem } from '../../shared/domain/field-problem';

/** Refusal codes that mean "no such resource": the HTTP layer answers them with 404 rather than 409. */
export const NOT_FOUND_CODES = new Set(['INTAKE_TRAJECTORY_NOT_FOUND']);

/** The decider's own guard on input the HTTP layer should have refused already: answered with 400. */
export const INVALID_INTAKE_DATA = 'INVALID_INTAKE_DATA';

export function refuse(code: string, detail: string): never {
  throw new DomainRuleViolation(code, detail);
}

/** Refuses with `INVALID_INTAKE_DATA`, naming the fields (never their values). */
export function refuseInvalid(problems: readonly FieldProblem[]): void {
  if (problems.length > 0) {
    refuse(INVALID_INTAKE_DATA, `Invalid: ${[...new Set(problems.map((problem) => problem.field))].join(', ')}`);
  }
}
