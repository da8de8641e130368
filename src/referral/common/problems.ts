import { DomainRuleViolation, NotFound } from '../../shared/domain/domain-error';

export function referralNotFound(): NotFound {
  return new NotFound('REFERRAL_NOT_FOUND', 'No such referral.');
}

/** The intake capability's code for the same concept: one code per concept, whoever answers. */
export function intakeTrajectoryNotFound(): NotFound {
  return new NotFound('INTAKE_TRAJECTORY_NOT_FOUND', 'No such intake trajectory.');
}

/** A 409 here, though the clients capability answers an erased person with 410: a referral is refused for them. */
export function clientErased(): DomainRuleViolation {
  return new DomainRuleViolation('CLIENT_ERASED', "This person's personal data has been erased");
}
