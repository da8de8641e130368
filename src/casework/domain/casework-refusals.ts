import { DomainRuleViolation, NotFound } from '../../shared/domain/domain-error';

/** The intake capability's code for the same concept: one code per concept, whoever answers. */
export function intakeTrajectoryNotFound(): NotFound {
  return new NotFound('INTAKE_TRAJECTORY_NOT_FOUND', 'No such intake trajectory.');
}

/** The intake capability's code for a closed trajectory: notes and tasks wait for it to be reopened. */
export function trajectoryClosed(): DomainRuleViolation {
  return new DomainRuleViolation('INTAKE_CLOSED', 'The intake trajectory is closed; reopen it first');
}

export function taskNotFound(): NotFound {
  return new NotFound('TASK_NOT_FOUND', 'No such task.');
}

export function taskNotOpen(): DomainRuleViolation {
  return new DomainRuleViolation('TASK_NOT_OPEN', 'The task is completed or cancelled already.');
}
