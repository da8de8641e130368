import type { LifeDomain } from '../../shared/domain/life-domains';
import type { Decider } from '../../shared/domain/decider';
import { NotFound, refuse, refuseListing } from '../../shared/domain/domain-error';
import { openingProblems, refuseInvalid, trajectoryCommandProblems } from './input-rules';
import type {
  ApplyForRight,
  AssessLifeDomains,
  AssignCaseworker,
  CloseIntake,
  Dated,
  ExploreRight,
  GrantRight,
  IntakeCommand,
  OpenIntake,
  RecordNeed,
  RefuseRight,
  ReopenIntake,
  SignalUnmetNeed,
  TransferResponsibility,
} from './intake.commands';
import type { IntakeEvent } from './intake.events';
import type {
  ClosedTrajectory,
  IntakeState,
  OpenedTrajectory,
  OpenTrajectory,
  RightStatus,
  Trajectory,
} from './intake.state';

export type {
  ClosedTrajectory,
  IntakeState,
  OpenedTrajectory,
  OpenTrajectory,
  RightStatus,
  TrajectoryNeed,
  TrajectoryRight,
} from './intake.state';

/**
 * One intake trajectory (stream `intake-<trajectoryId>`) as a state machine: none → open (opened) ⇄ closed (closed,
 * reopened); an open trajectory is assessed, needs and rights recorded, unmet needs signalled, reassigned or
 * transferred. A closed trajectory refuses everything but a reopening. One function per command decides; each
 * first asks the state it needs (404 for none), then guards its input (`input-rules.ts`), then applies its rules.
 * One open intake per person per organisation is a rule across streams: the command side enforces it with a claim
 * row (docs/adr/0014), not this decider.
 */
export const intakeDecider: Decider<IntakeCommand, IntakeEvent, IntakeState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    switch (command.type) {
      case 'OpenIntake':
        return open(state, command);
      case 'ReopenIntake':
        return reopen(closedOne(state), command);
      case 'AssessLifeDomains':
        return assess(openOne(state, command), command);
      case 'RecordNeed':
        return recordNeed(openOne(state, command), command);
      case 'ExploreRight':
        return exploreRight(openOne(state, command), command);
      case 'ApplyForRight':
      case 'GrantRight':
      case 'RefuseRight':
        return decideOnRight(openOne(state, command), command);
      case 'SignalUnmetNeed':
        return signalUnmetNeed(openOne(state, command), command);
      case 'AssignCaseworker':
        return assignCaseworker(openOne(state, command), command);
      case 'TransferResponsibility':
        return transfer(openOne(state, command), command);
      case 'CloseIntake':
        return close(openOne(state, command), command);
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
        return {
          ...state,
          organisationId: event.data.toOrganisationId,
          caseworkerId: event.data.receivingCaseworkerId,
        };
      case 'IntakeClosed':
        return { ...trajectoryOf(state), status: 'closed', closedOn: event.data.occurredOn };
      case 'IntakeReopened':
        return { ...trajectoryOf(state), status: 'open' };
      case 'LifeDomainsAssessed':
      case 'UnmetNeedSignalled':
        return state;
    }
  },
};

/** The trajectory a command works on: opened (404 otherwise) and open (409 otherwise); its input guarded. */
function openOne(state: IntakeState, command: Exclude<IntakeCommand, OpenIntake | ReopenIntake>): OpenTrajectory {
  if (state.status === 'none') throw trajectoryNotFound();
  if (state.status === 'closed') refuse('INTAKE_CLOSED', 'The intake trajectory is closed; reopen it first');
  refuseInvalid(trajectoryCommandProblems(command, state));
  return state;
}

function closedOne(state: IntakeState): ClosedTrajectory {
  if (state.status === 'none') throw trajectoryNotFound();
  if (state.status === 'open') refuse('INTAKE_NOT_CLOSED', 'Only a closed intake trajectory can be reopened');
  return state;
}

export function trajectoryNotFound(): NotFound {
  return new NotFound('INTAKE_TRAJECTORY_NOT_FOUND', 'No such intake trajectory.');
}

function open(state: IntakeState, command: OpenIntake): IntakeEvent[] {
  if (state.status !== 'none') refuse('INTAKE_ALREADY_EXISTS', 'This intake trajectory exists already');
  refuseInvalid(openingProblems(command));
  return [
    {
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
    },
  ];
}

function reopen(trajectory: ClosedTrajectory, command: ReopenIntake): IntakeEvent[] {
  refuseInvalid(trajectoryCommandProblems(command, trajectory));
  return [{ type: 'IntakeReopened', data: fact(trajectory, command) }];
}

function assess(trajectory: OpenTrajectory, command: AssessLifeDomains): IntakeEvent[] {
  return [
    {
      type: 'LifeDomainsAssessed',
      data: {
        ...fact(trajectory, command),
        assessmentId: command.assessmentId,
        scores: { ...command.scores },
        problemFlags: [...command.problemFlags],
      },
    },
  ];
}

function recordNeed(trajectory: OpenTrajectory, command: RecordNeed): IntakeEvent[] {
  const { needId, lifeDomain, description } = command;
  return [{ type: 'NeedRecorded', data: { ...fact(trajectory, command), needId, lifeDomain, description } }];
}

function exploreRight(trajectory: OpenTrajectory, command: ExploreRight): IntakeEvent[] {
  if (trajectory.rights[command.rightId]) refuse('RIGHT_ALREADY_EXPLORED', 'This right is explored already');
  const { rightId, lifeDomain, needId } = command;
  return [{ type: 'RightExplored', data: { ...fact(trajectory, command), rightId, lifeDomain, needId } }];
}

/** The steps a right may take from each status (see `RightStatus`). */
const NEXT_STEPS: Readonly<Record<RightStatus, readonly RightStatus[]>> = {
  explored: ['applied', 'granted'],
  applied: ['granted', 'refused'],
  refused: ['applied'],
  granted: [],
};

const STEP_OF = { ApplyForRight: 'applied', GrantRight: 'granted', RefuseRight: 'refused' } as const;

function decideOnRight(trajectory: OpenTrajectory, command: ApplyForRight | GrantRight | RefuseRight): IntakeEvent[] {
  const right = trajectory.rights[command.rightId];
  if (!right) refuse('RIGHT_NOT_EXPLORED', 'This right has not been explored in this trajectory');
  const step = STEP_OF[command.type];
  if (!NEXT_STEPS[right.status].includes(step)) {
    if (right.status === 'granted') refuse('RIGHT_ALREADY_GRANTED', 'This right is granted already');
    if (step === 'applied') refuse('RIGHT_ALREADY_APPLIED', 'An application for this right is pending');
    refuse('RIGHT_NOT_APPLIED', 'This right has no pending application');
  }
  const base = { ...fact(trajectory, command), rightId: command.rightId };
  switch (command.type) {
    case 'ApplyForRight':
      return [{ type: 'RightApplied', data: base }];
    case 'GrantRight':
      return [
        {
          type: 'RightGranted',
          data: { ...base, amountCents: command.amountCents, grantedUntil: command.grantedUntil },
        },
      ];
    case 'RefuseRight':
      return [{ type: 'RightRefused', data: { ...base, reason: command.reason } }];
  }
}

function signalUnmetNeed(trajectory: OpenTrajectory, command: SignalUnmetNeed): IntakeEvent[] {
  const { unmetNeedId, lifeDomain, reason, needId } = command;
  return [
    {
      type: 'UnmetNeedSignalled',
      data: { ...fact(trajectory, command), unmetNeedId, lifeDomain, reason, needId },
    },
  ];
}

function assignCaseworker(trajectory: OpenTrajectory, command: AssignCaseworker): IntakeEvent[] {
  if (command.caseworkerId === trajectory.caseworkerId) return [];
  return [
    {
      type: 'CaseworkerAssigned',
      data: {
        ...fact(trajectory, command),
        caseworkerId: command.caseworkerId,
        previousCaseworkerId: trajectory.caseworkerId,
      },
    },
  ];
}

function transfer(trajectory: OpenTrajectory, command: TransferResponsibility): IntakeEvent[] {
  if (command.toOrganisationId === trajectory.organisationId) {
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
        ...fact(trajectory, command),
        fromOrganisationId: trajectory.organisationId,
        toOrganisationId: command.toOrganisationId,
        reason: command.reason,
        receivingCaseworkerId: command.caseworkerId,
      },
    },
  ];
}

/** Open referrals are settled first, or kept explicitly (docs/adr/0026); the problem lists their ids. */
function close(trajectory: OpenTrajectory, command: CloseIntake): IntakeEvent[] {
  if (command.openReferralIds.length > 0 && !command.keepOpenReferrals) {
    refuseListing('OPEN_REFERRALS', 'Referrals sent from the trajectory are still open: settle them, or keep them', {
      openReferralIds: command.openReferralIds,
    });
  }
  return [{ type: 'IntakeClosed', data: { ...fact(trajectory, command), outcome: command.outcome } }];
}

function fact(trajectory: OpenedTrajectory, command: Dated) {
  return { trajectoryId: trajectory.trajectoryId, occurredOn: command.occurredOn };
}

/** The facts every status of an opened trajectory shares, without those of its status. */
function trajectoryOf(state: OpenedTrajectory): Trajectory {
  const { trajectoryId, clientId, organisationId, caseworkerId, openedOn, needs, rights } = state;
  return { trajectoryId, clientId, organisationId, caseworkerId, openedOn, needs, rights };
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
