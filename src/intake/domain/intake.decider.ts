import type { LifeDomain } from '../../partners';
import type { CalendarDate } from '../../shared/domain/calendar';
import type { Decider } from '../../shared/domain/decider';
import type { FieldProblem } from '../../shared/domain/field-problem';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import type { IntakeEvent } from './intake.events';
import {
  INTAKE_ORIGINS,
  INTAKE_OUTCOMES,
  type IntakeOrigin,
  type IntakeOutcome,
  PROACTIVE_SIGNAL_SOURCES,
  type ProactiveSignalSource,
  type ProblemFlag,
  RIGHT_REFUSAL_REASONS,
  type RightRefusalReason,
  TRANSFER_REASONS,
  type TransferReason,
  UNMET_NEED_REASONS,
  type UnmetNeedReason,
} from './intake.values';
import {
  amountProblems,
  assessmentProblems,
  type DateBounds,
  grantedUntilProblems,
  lifeDomainProblems,
  occurredOnProblems,
  oneOfProblems,
} from './input-rules';
import { refuse, refuseInvalid } from './rules';

/** What every command carries: when the fact happened, and today in Belgium (it may not be later). */
interface Dated {
  readonly occurredOn: CalendarDate;
  readonly today: CalendarDate;
}

export interface OpenIntake extends Dated {
  readonly type: 'OpenIntake';
  readonly trajectoryId: string;
  readonly clientId: string;
  readonly organisationId: string;
  readonly caseworkerId: string;
  readonly origin: IntakeOrigin;
  readonly referringOrganisationId: string | null;
  /** Whether `referringOrganisationId` names a registered organisation (looked up by the handler). */
  readonly referringOrganisationKnown: boolean;
  readonly signalSource: ProactiveSignalSource | null;
}

export interface AssessLifeDomains extends Dated {
  readonly type: 'AssessLifeDomains';
  readonly assessmentId: string;
  readonly scores: Partial<Record<LifeDomain, number>>;
  readonly problemFlags: readonly ProblemFlag[];
}

export interface RecordNeed extends Dated {
  readonly type: 'RecordNeed';
  readonly needId: string;
  readonly lifeDomain: LifeDomain;
  readonly description: SealedPersonalData | null;
}

export interface ExploreRight extends Dated {
  readonly type: 'ExploreRight';
  readonly rightId: string;
  /** The right's life domain in the catalogue. */
  readonly lifeDomain: LifeDomain;
  /** Whether the catalogue offers the right in the person's municipality on `occurredOn` (looked up). */
  readonly rightOffered: boolean;
  readonly needId: string | null;
}

export interface ApplyForRight extends Dated {
  readonly type: 'ApplyForRight';
  readonly rightId: string;
}

export interface GrantRight extends Dated {
  readonly type: 'GrantRight';
  readonly rightId: string;
  readonly amountCents: number | null;
  readonly grantedUntil: CalendarDate | null;
}

export interface RefuseRight extends Dated {
  readonly type: 'RefuseRight';
  readonly rightId: string;
  readonly reason: RightRefusalReason;
}

export interface SignalUnmetNeed extends Dated {
  readonly type: 'SignalUnmetNeed';
  readonly unmetNeedId: string;
  readonly lifeDomain: LifeDomain;
  readonly reason: UnmetNeedReason;
  readonly needId: string | null;
}

export interface AssignCaseworker extends Dated {
  readonly type: 'AssignCaseworker';
  readonly caseworkerId: string;
}

export interface TransferResponsibility extends Dated {
  readonly type: 'TransferResponsibility';
  readonly toOrganisationId: string;
  /** Whether `toOrganisationId` names a registered, active organisation (looked up). */
  readonly toOrganisationActive: boolean;
  /** Whether the receiving organisation may see the person (clients' visibility rule, looked up). */
  readonly receiverMaySeeClient: boolean;
  readonly reason: TransferReason;
  readonly caseworkerId: string | null;
}

export interface CloseIntake extends Dated {
  readonly type: 'CloseIntake';
  readonly outcome: IntakeOutcome;
}

export interface ReopenIntake extends Dated {
  readonly type: 'ReopenIntake';
}

export type IntakeCommand =
  | OpenIntake
  | AssessLifeDomains
  | RecordNeed
  | ExploreRight
  | ApplyForRight
  | GrantRight
  | RefuseRight
  | SignalUnmetNeed
  | AssignCaseworker
  | TransferResponsibility
  | CloseIntake
  | ReopenIntake;

/**
 * Where a right stands in the trajectory. Explored → applied → granted or refused; granted straight after explored
 * for rights given automatically; applied again after a refusal (a new application). Granted is final.
 */
export type RightStatus = 'explored' | 'applied' | 'granted' | 'refused';

export interface TrajectoryRight {
  readonly rightId: string;
  readonly lifeDomain: LifeDomain;
  readonly status: RightStatus;
}

export interface TrajectoryNeed {
  readonly needId: string;
  readonly lifeDomain: LifeDomain;
}

export interface OpenedTrajectory {
  readonly status: 'open' | 'closed';
  readonly trajectoryId: string;
  readonly clientId: string;
  /** The organisation responsible now (after transfers). */
  readonly organisationId: string;
  readonly caseworkerId: string | null;
  readonly openedOn: CalendarDate;
  /** The last closure's date, while closed. */
  readonly closedOn: CalendarDate | null;
  /** Oldest first. */
  readonly needs: readonly TrajectoryNeed[];
  readonly rights: Readonly<Record<string, TrajectoryRight>>;
}

export type IntakeState = { readonly status: 'none' } | OpenedTrajectory;

/**
 * One intake trajectory (stream `intake-<trajectoryId>`): opened for a person by an organisation, then assessed,
 * needs and rights recorded, unmet needs signalled, reassigned or transferred, closed and reopened. A closed
 * trajectory refuses everything but a reopening. One open intake per person per organisation is a rule across
 * streams: the command side enforces it with a claim row (docs/adr/0014), not this decider.
 */
export const intakeDecider: Decider<IntakeCommand, IntakeEvent, IntakeState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'OpenIntake') {
      if (state.status !== 'none') refuse('INTAKE_ALREADY_EXISTS', 'This intake trajectory exists already');
      return [opening(command)];
    }
    if (state.status === 'none') refuse('INTAKE_TRAJECTORY_NOT_FOUND', 'No such intake trajectory');
    if (command.type === 'ReopenIntake') {
      if (state.status !== 'closed') refuse('INTAKE_NOT_CLOSED', 'Only a closed intake trajectory can be reopened');
      refuseInvalid(occurredOnProblems(command.occurredOn, afterClosure(state, command)));
      return [{ type: 'IntakeReopened', data: fact(state, command) }];
    }
    if (state.status === 'closed') refuse('INTAKE_CLOSED', 'The intake trajectory is closed; reopen it first');
    refuseInvalid(occurredOnProblems(command.occurredOn, sinceOpening(state, command)));
    switch (command.type) {
      case 'AssessLifeDomains':
        return assessment(state, command);
      case 'RecordNeed':
        refuseInvalid(lifeDomainProblems('lifeDomain', command.lifeDomain));
        return [
          {
            type: 'NeedRecorded',
            data: {
              ...fact(state, command),
              needId: command.needId,
              lifeDomain: command.lifeDomain,
              description: command.description,
            },
          },
        ];
      case 'ExploreRight':
        return exploration(state, command);
      case 'ApplyForRight':
      case 'GrantRight':
      case 'RefuseRight':
        return rightDecision(state, command);
      case 'SignalUnmetNeed':
        return unmetNeed(state, command);
      case 'AssignCaseworker':
        if (command.caseworkerId.trim() === '') refuseInvalid([{ field: 'caseworkerId', message: 'is required' }]);
        if (command.caseworkerId === state.caseworkerId) return [];
        return [
          {
            type: 'CaseworkerAssigned',
            data: {
              ...fact(state, command),
              caseworkerId: command.caseworkerId,
              previousCaseworkerId: state.caseworkerId,
            },
          },
        ];
      case 'TransferResponsibility':
        return transfer(state, command);
      case 'CloseIntake':
        refuseInvalid(oneOfProblems('outcome', command.outcome, INTAKE_OUTCOMES, 'a known outcome'));
        return [{ type: 'IntakeClosed', data: { ...fact(state, command), outcome: command.outcome } }];
    }
  },

  evolve(state, event) {
    if (event.type === 'IntakeOpened') {
      return {
        status: 'open',
        trajectoryId: event.data.trajectoryId,
        clientId: event.data.clientId,
        organisationId: event.data.organisationId,
        caseworkerId: event.data.caseworkerId,
        openedOn: event.data.occurredOn,
        closedOn: null,
        needs: [],
        rights: {},
      };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'NeedRecorded':
        return { ...state, needs: [...state.needs, { needId: event.data.needId, lifeDomain: event.data.lifeDomain }] };
      case 'RightExplored':
        return withRight(state, event.data.rightId, 'explored', event.data.lifeDomain);
      case 'RightApplied':
        return withRight(state, event.data.rightId, 'applied');
      case 'RightGranted':
        return withRight(state, event.data.rightId, 'granted');
      case 'RightRefused':
        return withRight(state, event.data.rightId, 'refused');
      case 'CaseworkerAssigned':
        return { ...state, caseworkerId: event.data.caseworkerId };
      case 'ResponsibilityTransferred':
        return { ...state, organisationId: event.data.toOrganisationId, caseworkerId: event.data.caseworkerId };
      case 'IntakeClosed':
        return { ...state, status: 'closed', closedOn: event.data.occurredOn };
      case 'IntakeReopened':
        return { ...state, status: 'open', closedOn: null };
      case 'LifeDomainsAssessed':
      case 'UnmetNeedSignalled':
        return state;
    }
  },
};

function fact(state: OpenedTrajectory, command: Dated) {
  return { trajectoryId: state.trajectoryId, occurredOn: command.occurredOn };
}

/** When a fact of the trajectory may have happened: not in the future, not before the opening. */
export function sinceOpening(state: OpenedTrajectory, command: Pick<Dated, 'today'>): DateBounds {
  return { today: command.today, notBefore: { date: state.openedOn, what: 'the trajectory was opened' } };
}

/** When a reopening may have happened: not in the future, not before the closure. */
export function afterClosure(state: OpenedTrajectory, command: Pick<Dated, 'today'>): DateBounds {
  return state.closedOn === null
    ? sinceOpening(state, command)
    : { today: command.today, notBefore: { date: state.closedOn, what: 'the trajectory was closed' } };
}

function opening(command: OpenIntake): IntakeEvent {
  const problems: FieldProblem[] = [
    ...occurredOnProblems(command.occurredOn, { today: command.today }),
    ...oneOfProblems('origin', command.origin, INTAKE_ORIGINS, 'a known origin'),
    ...originDetailProblems(command),
  ];
  if (command.caseworkerId.trim() === '') problems.push({ field: 'caseworkerId', message: 'is required' });
  refuseInvalid(problems);
  return {
    type: 'IntakeOpened',
    data: {
      trajectoryId: command.trajectoryId,
      occurredOn: command.occurredOn,
      clientId: command.clientId,
      organisationId: command.organisationId,
      caseworkerId: command.caseworkerId,
      origin: command.origin,
      referringOrganisationId: command.referringOrganisationId,
      signalSource: command.signalSource,
    },
  };
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

function assessment(state: OpenedTrajectory, command: AssessLifeDomains): IntakeEvent[] {
  refuseInvalid(assessmentProblems(command.scores, command.problemFlags));
  return [
    {
      type: 'LifeDomainsAssessed',
      data: {
        ...fact(state, command),
        assessmentId: command.assessmentId,
        scores: { ...command.scores },
        problemFlags: [...command.problemFlags],
      },
    },
  ];
}

/** A need the command names must be one recorded in this trajectory. */
export function needProblems(state: Pick<OpenedTrajectory, 'needs'>, needId: string | null): FieldProblem[] {
  if (needId === null || state.needs.some((need) => need.needId === needId)) return [];
  return [{ field: 'needId', message: 'needId must be a need recorded in this trajectory' }];
}

function exploration(state: OpenedTrajectory, command: ExploreRight): IntakeEvent[] {
  const problems = [...lifeDomainProblems('lifeDomain', command.lifeDomain), ...needProblems(state, command.needId)];
  if (!command.rightOffered) {
    problems.push({ field: 'rightId', message: "rightId must be a right offered in the person's municipality" });
  }
  refuseInvalid(problems);
  if (state.rights[command.rightId]) refuse('RIGHT_ALREADY_EXPLORED', 'This right is explored already');
  return [
    {
      type: 'RightExplored',
      data: {
        ...fact(state, command),
        rightId: command.rightId,
        lifeDomain: command.lifeDomain,
        needId: command.needId,
      },
    },
  ];
}

/** The steps a right may take from each status (see `RightStatus`). */
const NEXT_STEPS: Readonly<Record<RightStatus, readonly RightStatus[]>> = {
  explored: ['applied', 'granted'],
  applied: ['granted', 'refused'],
  refused: ['applied'],
  granted: [],
};

function rightDecision(state: OpenedTrajectory, command: ApplyForRight | GrantRight | RefuseRight): IntakeEvent[] {
  const right = state.rights[command.rightId];
  if (!right) refuse('RIGHT_NOT_EXPLORED', 'This right has not been explored in this trajectory');
  const step: RightStatus =
    command.type === 'ApplyForRight' ? 'applied' : command.type === 'GrantRight' ? 'granted' : 'refused';
  if (!NEXT_STEPS[right.status].includes(step)) {
    if (right.status === 'granted') refuse('RIGHT_ALREADY_GRANTED', 'This right is granted already');
    if (step === 'applied') refuse('RIGHT_ALREADY_APPLIED', 'An application for this right is pending');
    refuse('RIGHT_NOT_APPLIED', 'This right has no pending application');
  }
  const base = { ...fact(state, command), rightId: command.rightId };
  switch (command.type) {
    case 'ApplyForRight':
      return [{ type: 'RightApplied', data: base }];
    case 'GrantRight':
      refuseInvalid([
        ...amountProblems(command.amountCents),
        ...grantedUntilProblems(command.grantedUntil, command.occurredOn),
      ]);
      return [
        {
          type: 'RightGranted',
          data: { ...base, amountCents: command.amountCents, grantedUntil: command.grantedUntil },
        },
      ];
    case 'RefuseRight':
      refuseInvalid(oneOfProblems('reason', command.reason, RIGHT_REFUSAL_REASONS, 'a known refusal reason'));
      return [{ type: 'RightRefused', data: { ...base, reason: command.reason } }];
  }
}

function unmetNeed(state: OpenedTrajectory, command: SignalUnmetNeed): IntakeEvent[] {
  refuseInvalid([
    ...lifeDomainProblems('lifeDomain', command.lifeDomain),
    ...oneOfProblems('reason', command.reason, UNMET_NEED_REASONS, 'a known reason'),
    ...needProblems(state, command.needId),
  ]);
  return [
    {
      type: 'UnmetNeedSignalled',
      data: {
        ...fact(state, command),
        unmetNeedId: command.unmetNeedId,
        lifeDomain: command.lifeDomain,
        reason: command.reason,
        needId: command.needId,
      },
    },
  ];
}

function transfer(state: OpenedTrajectory, command: TransferResponsibility): IntakeEvent[] {
  const problems = oneOfProblems('reason', command.reason, TRANSFER_REASONS, 'a known transfer reason');
  if (!command.toOrganisationActive) {
    problems.push({ field: 'toOrganisationId', message: 'toOrganisationId must be an active registered organisation' });
  }
  if (command.caseworkerId !== null && command.caseworkerId.trim() === '') {
    problems.push({ field: 'caseworkerId', message: 'is required when given' });
  }
  refuseInvalid(problems);
  if (command.toOrganisationId === state.organisationId) {
    refuse('TRANSFER_TO_SAME_ORGANISATION', "The trajectory is this organisation's responsibility already");
  }
  if (!command.receiverMaySeeClient) {
    refuse(
      'RECEIVING_ORGANISATION_MAY_NOT_SEE_CLIENT',
      "The receiving organisation may not see the person: record the person's consent to share with it first",
    );
  }
  return [
    {
      type: 'ResponsibilityTransferred',
      data: {
        ...fact(state, command),
        fromOrganisationId: state.organisationId,
        toOrganisationId: command.toOrganisationId,
        reason: command.reason,
        caseworkerId: command.caseworkerId,
      },
    },
  ];
}

function withRight(
  state: OpenedTrajectory,
  rightId: string,
  status: RightStatus,
  lifeDomain?: LifeDomain,
): OpenedTrajectory {
  const known = state.rights[rightId];
  const domain = lifeDomain ?? known?.lifeDomain;
  if (domain === undefined) return state;
  return { ...state, rights: { ...state.rights, [rightId]: { rightId, lifeDomain: domain, status } } };
}
