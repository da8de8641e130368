import { DomainRuleViolation } from '../../shared/domain/domain-error';

/** One open intake per person per organisation (docs/adr/0014). */
export function intakeAlreadyOpen(): DomainRuleViolation {
  return new DomainRuleViolation(
    'INTAKE_ALREADY_OPEN',
    'This organisation has an open intake trajectory for this person already; work in that one.',
  );
}

export function clientErased(): DomainRuleViolation {
  return new DomainRuleViolation('CLIENT_ERASED', "This person's personal data has been erased.");
}
