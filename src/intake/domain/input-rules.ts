import { LIFE_DOMAINS } from '../../shared/domain/life-domains';
import { type CalendarDate, isCalendarDate } from '../../shared/domain/calendar';
import { InvalidInput } from '../../shared/domain/domain-error';
import type { FieldProblem } from '../../shared/domain/field-problem';
import type { Dated, IntakeCommand, OpenIntake } from './intake.commands';
import type { ClosedTrajectory, OpenTrajectory, TrajectoryNeed } from './intake.state';
import {
  INTAKE_ORIGINS,
  INTAKE_OUTCOMES,
  LIFE_DOMAIN_SCORE_MAX,
  LIFE_DOMAIN_SCORE_MIN,
  PROACTIVE_SIGNAL_SOURCES,
  PROBLEM_FLAGS,
  RIGHT_REFUSAL_REASONS,
  TRANSFER_REASONS,
  UNMET_NEED_REASONS,
} from './intake.values';

/**
 * The rules on a command's input, as field problems: the handlers list them in one 400 together with the shape
 * errors (checked on the request, before a command exists), and the decider applies them to its command as a guard
 * (`openingProblems`, `trajectoryCommandProblems`): no command with invalid input is decided, whoever built it.
 * Messages never quote values.
 */

/** The decider's guard on input the handler should have refused already: answered with 400. */
export const INVALID_INTAKE_DATA = 'INVALID_INTAKE_DATA';

/** Refuses with `INVALID_INTAKE_DATA`, naming the fields (never their values). */
export function refuseInvalid(problems: readonly FieldProblem[]): void {
  if (problems.length > 0) {
    const fields = [...new Set(problems.map((problem) => problem.field))];
    throw new InvalidInput(INVALID_INTAKE_DATA, `Invalid: ${fields.join(', ')}`);
  }
}

/**
 * Every input rule of a command on an opened trajectory: its date's bounds (since the opening; a reopening since
 * the closure), the needs it names, and its own fields. The decider's own rules (a right's steps, a transfer's
 * receiver) are refusals, not input problems.
 */
export function trajectoryCommandProblems(
  command: Exclude<IntakeCommand, OpenIntake>,
  trajectory: OpenTrajectory | ClosedTrajectory,
): FieldProblem[] {
  const bounds =
    command.type === 'ReopenIntake' ? afterClosure(trajectory, command) : sinceOpening(trajectory, command);
  return [...occurredOnProblems(command.occurredOn, bounds), ...ownProblems(command, trajectory)];
}

function ownProblems(
  command: Exclude<IntakeCommand, OpenIntake>,
  trajectory: Pick<OpenTrajectory, 'needs'>,
): FieldProblem[] {
  switch (command.type) {
    case 'AssessLifeDomains':
      return assessmentProblems(command.scores, command.problemFlags);
    case 'RecordNeed':
      return lifeDomainProblems('lifeDomain', command.lifeDomain);
    case 'ExploreRight':
      return [
        ...lifeDomainProblems('lifeDomain', command.lifeDomain),
        ...needProblems(trajectory, command.needId),
        ...(command.rightOffered ? [] : [NOT_OFFERED]),
      ];
    case 'GrantRight':
      return [
        ...amountProblems(command.amountCents),
        ...grantedUntilProblems(command.grantedUntil, command.occurredOn),
      ];
    case 'RefuseRight':
      return oneOfProblems('reason', command.reason, RIGHT_REFUSAL_REASONS, 'a known refusal reason');
    case 'SignalUnmetNeed':
      return [
        ...lifeDomainProblems('lifeDomain', command.lifeDomain),
        ...oneOfProblems('reason', command.reason, UNMET_NEED_REASONS, 'a known reason'),
        ...needProblems(trajectory, command.needId),
      ];
    case 'AssignCaseworker':
      return caseworkerProblems(command.caseworkerId);
    case 'TransferResponsibility':
      return [
        ...oneOfProblems('reason', command.reason, TRANSFER_REASONS, 'a known transfer reason'),
        ...(command.toOrganisationActive ? [] : [NOT_ACTIVE]),
        ...caseworkerProblems(command.caseworkerId),
      ];
    case 'CloseIntake':
      return oneOfProblems('outcome', command.outcome, INTAKE_OUTCOMES, 'a known outcome');
    case 'ApplyForRight':
    case 'ReopenIntake':
      return [];
  }
}

export const NOT_OFFERED: FieldProblem = {
  field: 'rightId',
  message: "rightId must be a right of the rights catalogue offered in the person's municipality",
};

export const NOT_ACTIVE: FieldProblem = {
  field: 'toOrganisationId',
  message: 'toOrganisationId must be an active registered organisation',
};

/** Every input rule of an opening: its date, its origin and what goes with it, a caseworker. */
export function openingProblems(command: OpenIntake): FieldProblem[] {
  return [
    ...occurredOnProblems(command.occurredOn, { today: command.today }),
    ...oneOfProblems('origin', command.origin, INTAKE_ORIGINS, 'a known origin'),
    ...originDetailProblems(command),
    ...caseworkerProblems(command.caseworkerId),
  ];
}

function caseworkerProblems(caseworkerId: string): FieldProblem[] {
  return caseworkerId.trim() === '' ? [{ field: 'caseworkerId', message: 'caseworkerId is required' }] : [];
}

/** A referring organisation with `referred_by_partner` only, a signal source with `proactive_signal` only. */
export function originDetailProblems(
  command: Pick<OpenIntake, 'origin' | 'referringOrganisationId' | 'referringOrganisationKnown' | 'signalSource'>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (command.origin === 'referred_by_partner') {
    if (command.referringOrganisationId === null) {
      problems.push({
        field: 'referringOrganisationId',
        message: 'referringOrganisationId is required for referred_by_partner',
      });
    } else if (!command.referringOrganisationKnown) {
      problems.push({
        field: 'referringOrganisationId',
        message: 'referringOrganisationId must be a registered organisation',
      });
    }
  } else if (command.referringOrganisationId !== null) {
    problems.push({
      field: 'referringOrganisationId',
      message: 'referringOrganisationId is only for referred_by_partner',
    });
  }
  if (command.origin === 'proactive_signal') {
    if (command.signalSource === null) {
      problems.push({ field: 'signalSource', message: 'signalSource is required for proactive_signal' });
    } else {
      problems.push(...oneOfProblems('signalSource', command.signalSource, PROACTIVE_SIGNAL_SOURCES, 'a known source'));
    }
  } else if (command.signalSource !== null) {
    problems.push({ field: 'signalSource', message: 'signalSource is only for proactive_signal' });
  }
  return problems;
}

/** A need the command names must be one recorded in this trajectory. */
export function needProblems(
  trajectory: { readonly needs: readonly TrajectoryNeed[] },
  needId: string | null,
): FieldProblem[] {
  if (needId === null || trajectory.needs.some((need) => need.needId === needId)) return [];
  return [{ field: 'needId', message: 'needId must be a need recorded in this trajectory' }];
}

/** When a fact of the trajectory may have happened: not in the future, not before the opening. */
export function sinceOpening(trajectory: Pick<OpenTrajectory, 'openedOn'>, now: Pick<Dated, 'today'>): DateBounds {
  return { today: now.today, notBefore: { date: trajectory.openedOn, what: 'the trajectory was opened' } };
}

/** When a reopening may have happened: not in the future, not before the closure. */
export function afterClosure(trajectory: OpenTrajectory | ClosedTrajectory, now: Pick<Dated, 'today'>): DateBounds {
  return trajectory.status === 'closed'
    ? { today: now.today, notBefore: { date: trajectory.closedOn, what: 'the trajectory was closed' } }
    : sinceOpening(trajectory, now);
}

/** Where a trajectory's facts may lie in time: not in the future, not before it was opened (or another bound). */
export interface DateBounds {
  readonly today: CalendarDate;
  /** The earliest date allowed, and what it is, for the message. */
  readonly notBefore?: { readonly date: CalendarDate; readonly what: string };
}

export function occurredOnProblems(occurredOn: unknown, bounds: DateBounds, field = 'occurredOn'): FieldProblem[] {
  if (!isCalendarDate(occurredOn)) return [{ field, message: `${field} must be a date (YYYY-MM-DD)` }];
  if (occurredOn > bounds.today) return [{ field, message: `${field} must not be in the future` }];
  if (bounds.notBefore && occurredOn < bounds.notBefore.date) {
    return [{ field, message: `${field} must not be before ${bounds.notBefore.what}` }];
  }
  return [];
}

export function oneOfProblems(field: string, value: unknown, allowed: readonly string[], what: string): FieldProblem[] {
  return typeof value === 'string' && allowed.includes(value) ? [] : [{ field, message: `${field} must be ${what}` }];
}

export function lifeDomainProblems(field: string, value: unknown): FieldProblem[] {
  return oneOfProblems(field, value, LIFE_DOMAINS, 'a known life domain');
}

/**
 * A (partial) assessment: scores 1–5 for known life domains, known problem flags, each once; at least one score or
 * flag, or there is nothing to record.
 */
export function assessmentProblems(scores: unknown, problemFlags: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const scoreEntries =
    typeof scores === 'object' && scores !== null && !Array.isArray(scores) ? Object.entries(scores) : undefined;
  if (scoreEntries === undefined) {
    problems.push({ field: 'scores', message: 'scores must be an object of life domains and scores' });
  }
  // An unknown key is the caller's text: counted under `scores`, never named.
  const unknownDomains = (scoreEntries ?? []).filter(
    ([domain]) => !(LIFE_DOMAINS as readonly string[]).includes(domain),
  );
  if (unknownDomains.length > 0) {
    problems.push({ field: 'scores', message: `${unknownDomains.length} key(s) are not a known life domain` });
  }
  for (const [domain, score] of scoreEntries ?? []) {
    if (!(LIFE_DOMAINS as readonly string[]).includes(domain)) continue;
    if (
      typeof score !== 'number' ||
      !Number.isInteger(score) ||
      score < LIFE_DOMAIN_SCORE_MIN ||
      score > LIFE_DOMAIN_SCORE_MAX
    ) {
      problems.push({
        field: `scores.${domain}`,
        message: `a score must be a whole number from ${LIFE_DOMAIN_SCORE_MIN} to ${LIFE_DOMAIN_SCORE_MAX}`,
      });
    }
  }
  const flags = Array.isArray(problemFlags) ? (problemFlags as unknown[]) : undefined;
  if (flags === undefined) problems.push({ field: 'problemFlags', message: 'problemFlags must be a list' });
  flags?.forEach((flag, index) => {
    problems.push(...oneOfProblems(`problemFlags.${index}`, flag, PROBLEM_FLAGS, 'a known problem flag'));
  });
  if (flags && new Set(flags).size !== flags.length) {
    problems.push({ field: 'problemFlags', message: 'problemFlags must not repeat a flag' });
  }
  if (scoreEntries?.length === 0 && flags?.length === 0) {
    problems.push({ field: 'scores', message: 'an assessment needs at least one score or problem flag' });
  }
  return problems;
}

/** Euro cents per period, where a right is an amount. */
export function amountProblems(amountCents: unknown): FieldProblem[] {
  if (amountCents === null) return [];
  return typeof amountCents === 'number' && Number.isSafeInteger(amountCents) && amountCents >= 0
    ? []
    : [{ field: 'amountCents', message: 'amountCents must be a whole number of cents, not negative' }];
}

/** A right granted until a date: a real date, not before the grant. */
export function grantedUntilProblems(grantedUntil: unknown, grantedOn: unknown): FieldProblem[] {
  if (grantedUntil === null) return [];
  if (!isCalendarDate(grantedUntil)) {
    return [{ field: 'grantedUntil', message: 'grantedUntil must be a date (YYYY-MM-DD)' }];
  }
  if (isCalendarDate(grantedOn) && grantedUntil < grantedOn) {
    return [{ field: 'grantedUntil', message: 'grantedUntil must not be before occurredOn' }];
  }
  return [];
}
