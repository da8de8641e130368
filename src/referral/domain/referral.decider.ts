import { type Decider, foldEvents } from '../../shared/domain/decider';
import { addDays, type CalendarDate, isCalendarDate } from '../../shared/domain/calendar';
import { InvalidInput, NotFound, refuse } from '../../shared/domain/domain-error';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import { findMatching } from '../../shared/domain/text-matching';
import type {
  AcceptReferral,
  CompleteReferral,
  DeclineReferral,
  DropReferral,
  ReceiverStep,
  RecordFirstContact,
  RecordServiceStart,
  ReferralCommand,
  RevokeReferral,
  SendReferral,
} from './referral.commands';
import type { ReferralEvent, ReferralSent, ReferralStatus } from './referral.events';
import {
  COMPLETION_OUTCOMES,
  type CompletionOutcome,
  DECLINE_REASONS,
  type DeclineReason,
  DROP_REASONS,
  type DropReason,
  DROPPED_BY,
  type DroppedBy,
  type ReferralConsentBasis,
  REVOCATION_REASONS,
  type RevocationReason,
} from './referral.values';

export type {
  AcceptReferral,
  CompleteReferral,
  DeclineReferral,
  DropReferral,
  PreviousReferral,
  ReceiverCommand,
  ReceivingOrganisation,
  RecordFirstContact,
  RecordServiceStart,
  ReferralCommand,
  RevokeReferral,
  SendingTrajectory,
  SendReferral,
} from './referral.commands';

/** What every sent referral has: the facts of sending, and the date of its latest step. */
interface Sending {
  readonly sent: ReferralSent['data'];
  /** A later step may not be dated before it. */
  readonly lastStepOn: CalendarDate;
}

export interface SentReferral extends Sending {
  readonly status: 'sent';
}
export interface AcceptedReferral extends Sending {
  readonly status: 'accepted';
  readonly acceptedOn: CalendarDate;
}
export interface DeclinedReferral extends Sending {
  readonly status: 'declined';
  readonly declined: {
    readonly on: CalendarDate;
    readonly reason: DeclineReason;
    readonly explanation: SealedPersonalData | null;
  };
}
export interface ContactedReferral extends Sending {
  readonly status: 'first_contact_made';
  readonly acceptedOn: CalendarDate;
  readonly firstContactOn: CalendarDate;
}
export interface StartedReferral extends Sending {
  readonly status: 'service_started';
  readonly acceptedOn: CalendarDate;
  readonly firstContactOn: CalendarDate;
  readonly serviceStartedOn: CalendarDate;
}
export interface CompletedReferral extends Sending {
  readonly status: 'completed';
  readonly acceptedOn: CalendarDate;
  readonly firstContactOn: CalendarDate;
  readonly serviceStartedOn: CalendarDate;
  readonly completed: {
    readonly on: CalendarDate;
    readonly outcome: CompletionOutcome;
    readonly feedback: SealedPersonalData | null;
  };
}
/** Dropped after acceptance: before or after the first contact or the service start. */
export interface DroppedReferral extends Sending, ReachedSteps {
  readonly status: 'dropped';
  readonly acceptedOn: CalendarDate;
  readonly dropped: { readonly on: CalendarDate; readonly droppedBy: DroppedBy; readonly reason: DropReason };
}
/** Revoked at any step before it was closed. */
export interface RevokedReferral extends Sending, ReachedSteps {
  readonly status: 'revoked';
  readonly revoked: {
    readonly on: CalendarDate;
    readonly reason: RevocationReason;
    readonly byOrganisationId: string;
  };
}

/** The steps an open referral reached, each null when it did not. */
export interface ReachedSteps {
  readonly acceptedOn: CalendarDate | null;
  readonly firstContactOn: CalendarDate | null;
  readonly serviceStartedOn: CalendarDate | null;
}

/** A referral as its events tell it: one shape per status, with the facts that status has. */
export type KnownReferral =
  | SentReferral
  | AcceptedReferral
  | DeclinedReferral
  | ContactedReferral
  | StartedReferral
  | CompletedReferral
  | DroppedReferral
  | RevokedReferral;

export type ReferralState = { readonly status: 'none' } | KnownReferral;

/** The steps a referral reached, whatever its status. */
export function reachedSteps(state: KnownReferral): ReachedSteps {
  return {
    acceptedOn: 'acceptedOn' in state ? state.acceptedOn : null,
    firstContactOn: 'firstContactOn' in state ? state.firstContactOn : null,
    serviceStartedOn: 'serviceStartedOn' in state ? state.serviceStartedOn : null,
  };
}

/**
 * Statuses in which a referral is open: its warm hand-off reaches the receiver while the consent holds
 * (docs/adr/0028). Completed, declined, dropped and revoked referrals are closed.
 */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = [
  'sent',
  'accepted',
  'first_contact_made',
  'service_started',
];

/** What a hand-off rests on, from a referral's events: who sent whom to whom, on which basis, and whether it is open. */
export interface ReferralHandOffFacts {
  readonly referralId: string;
  readonly clientId: string;
  readonly fromOrganisationId: string;
  readonly toOrganisationId: string;
  readonly consentBasis: ReferralConsentBasis;
  readonly open: boolean;
}

/** The hand-off facts of a referral's events (undefined without its sending): for other capabilities' checks. */
export function handOffFactsOf(events: readonly ReferralEvent[]): ReferralHandOffFacts | undefined {
  const state = foldEvents(referralDecider, events);
  if (state.status === 'none') return undefined;
  const { sent } = state;
  return {
    referralId: sent.referralId,
    clientId: sent.clientId,
    fromOrganisationId: sent.fromOrganisationId,
    toOrganisationId: sent.toOrganisationId,
    consentBasis: sent.consentBasis,
    open: OPEN_REFERRAL_STATUSES.includes(state.status),
  };
}

/** Statuses after which a referral may be sent again: the person is back with the sender (the follow-up list). */
export const BACK_WITH_SENDER: readonly ReferralStatus[] = ['declined', 'dropped'];

/**
 * One referral's stream, `referral-<referralId>`: sent from an intake trajectory to a partner, answered by it
 * (accepted or declined), then first contact, service started, completed or dropped; revocable by the sender or a
 * coordinator until it is closed. Overdue is no event: a referral still `sent` after its `dueOn` is overdue where
 * it is read (docs/adr/0015).
 */
export const referralDecider: Decider<ReferralCommand, ReferralEvent, ReferralState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    switch (command.type) {
      case 'SendReferral':
        if (state.status !== 'none') refuse('REFERRAL_ALREADY_SENT', 'This referral was already sent');
        return [send(command)];
      case 'AcceptReferral':
        return [accept(known(state), command)];
      case 'DeclineReferral':
        return [decline(known(state), command)];
      case 'RecordFirstContact':
        return [recordFirstContact(known(state), command)];
      case 'RecordServiceStart':
        return [recordServiceStart(known(state), command)];
      case 'CompleteReferral':
        return [complete(known(state), command)];
      case 'DropReferral':
        return [drop(known(state), command)];
      case 'RevokeReferral':
        return [revoke(known(state), command)];
    }
  },

  evolve(state, event) {
    if (event.type === 'ReferralSent') {
      return { status: 'sent', sent: event.data, lastStepOn: event.data.occurredOn };
    }
    if (state.status === 'none') return state;
    const on = event.data.occurredOn;
    const base: Sending = { sent: state.sent, lastStepOn: on > state.lastStepOn ? on : state.lastStepOn };
    const reached = reachedSteps(state);
    // The decider appends the steps in their order; the fallbacks only keep the fold total.
    const acceptedOn = reached.acceptedOn ?? on;
    const firstContactOn = reached.firstContactOn ?? on;
    switch (event.type) {
      case 'ReferralAccepted':
        return { ...base, status: 'accepted', acceptedOn: on };
      case 'ReferralDeclined':
        return {
          ...base,
          status: 'declined',
          declined: { on, reason: event.data.reason, explanation: event.data.explanation },
        };
      case 'ReferralFirstContactMade':
        return { ...base, status: 'first_contact_made', acceptedOn, firstContactOn: on };
      case 'ReferralServiceStarted':
        return { ...base, status: 'service_started', acceptedOn, firstContactOn, serviceStartedOn: on };
      case 'ReferralCompleted':
        return {
          ...base,
          status: 'completed',
          acceptedOn,
          firstContactOn,
          serviceStartedOn: reached.serviceStartedOn ?? on,
          completed: { on, outcome: event.data.outcome, feedback: event.data.feedback ?? null },
        };
      case 'ReferralDropped':
        return {
          ...base,
          ...reached,
          status: 'dropped',
          acceptedOn,
          dropped: { on, droppedBy: event.data.droppedBy, reason: event.data.reason },
        };
      case 'ReferralRevoked':
        return {
          ...base,
          ...reached,
          status: 'revoked',
          revoked: { on, reason: event.data.reason, byOrganisationId: event.data.revokedByOrganisationId },
        };
    }
  },
};

function known(state: ReferralState): KnownReferral {
  if (state.status === 'none') throw new NotFound('REFERRAL_NOT_FOUND', 'No such referral');
  return state;
}

function send(command: SendReferral): ReferralEvent {
  const { trajectory, receiver, previous } = command;
  if (trajectory.organisationId !== command.fromOrganisationId) {
    refuse('NOT_RESPONSIBLE_FOR_TRAJECTORY', 'Only the organisation responsible for the trajectory may refer from it');
  }
  if (trajectory.status === 'closed') refuse('TRAJECTORY_CLOSED', 'The intake trajectory is closed');
  checkSendingDate(command);
  if (previous !== null) {
    if (previous.status === 'none') throw new NotFound('PREVIOUS_REFERRAL_NOT_FOUND', 'No such previous referral');
    if (previous.trajectoryId !== trajectory.trajectoryId) {
      refuse('PREVIOUS_REFERRAL_OF_ANOTHER_TRAJECTORY', 'The previous referral was sent from another trajectory');
    }
    if (!BACK_WITH_SENDER.includes(previous.status)) {
      refuse('PREVIOUS_REFERRAL_NOT_DECLINED', 'Only a declined or dropped referral can be sent again');
    }
  }
  if (command.toOrganisationId === command.fromOrganisationId) {
    refuse('OWN_ORGANISATION', 'A referral goes to another organisation');
  }
  if (receiver === undefined) refuse('UNKNOWN_ORGANISATION', 'No such organisation');
  if (!receiver.active) refuse('ORGANISATION_INACTIVE', 'The organisation is deactivated');
  if (receiver.responseDeadlineDays === null) {
    refuse('ORGANISATION_RECEIVES_NO_REFERRALS', 'The organisation receives no referrals');
  }
  // Forgiving of case, accents and spaces; the event names the service as the organisation writes it.
  const service = command.service === null ? null : findMatching(receiver.services, command.service);
  if (service === undefined) {
    refuse('UNKNOWN_SERVICE', 'The organisation offers no such service: `validValues` lists its services', [
      ...receiver.services,
    ]);
  }
  const need = command.needId === null ? undefined : trajectory.needs.find((n) => n.needId === command.needId);
  if (command.needId !== null && need === undefined) refuse('UNKNOWN_NEED', 'The trajectory records no such need');
  if (need !== undefined && need.lifeDomain !== command.lifeDomain) {
    refuse('NEED_OF_ANOTHER_LIFE_DOMAIN', 'The need belongs to another life domain');
  }
  if (command.consent === 'missing') {
    refuse('CONSENT_REQUIRED', 'Sharing the person with this organisation needs their valid consent');
  }
  if (command.consent.basis === 'none' && command.note !== null) {
    refuse('NOTE_NEEDS_CONSENT', 'A referral without consent carries no note');
  }
  return {
    type: 'ReferralSent',
    data: {
      referralId: command.referralId,
      occurredOn: command.occurredOn,
      trajectoryId: trajectory.trajectoryId,
      clientId: trajectory.clientId,
      fromOrganisationId: command.fromOrganisationId,
      toOrganisationId: receiver.organisationId,
      service,
      fromMunicipalityId: command.fromMunicipalityId,
      toMunicipalityId: receiver.municipalityId,
      lifeDomain: command.lifeDomain,
      needId: command.needId,
      warm: command.warm,
      note: command.note,
      consentBasis: command.consent.basis,
      consentId: command.consent.basis === 'none' ? null : command.consent.consentId,
      responseDeadlineDays: receiver.responseDeadlineDays,
      dueOn: addDays(command.occurredOn, receiver.responseDeadlineDays),
      serviceStartDeadlineDays: receiver.serviceStartDeadlineDays,
      previousReferralId: previous?.referralId ?? null,
    },
  };
}

function accept(state: KnownReferral, command: AcceptReferral): ReferralEvent {
  return { type: 'ReferralAccepted', data: receiverFact(state, command, ['sent']) };
}

function decline(state: KnownReferral, command: DeclineReferral): ReferralEvent {
  const fact = receiverFact(state, command, ['sent']);
  checkVocabulary(DECLINE_REASONS, command.reason, 'reason');
  return { type: 'ReferralDeclined', data: { ...fact, reason: command.reason, explanation: command.explanation } };
}

function recordFirstContact(state: KnownReferral, command: RecordFirstContact): ReferralEvent {
  return { type: 'ReferralFirstContactMade', data: receiverFact(state, command, ['accepted']) };
}

function recordServiceStart(state: KnownReferral, command: RecordServiceStart): ReferralEvent {
  return { type: 'ReferralServiceStarted', data: receiverFact(state, command, ['first_contact_made']) };
}

function complete(state: KnownReferral, command: CompleteReferral): ReferralEvent {
  if (state.status === 'sent' || state.status === 'accepted' || state.status === 'first_contact_made') {
    addressedTo(state, command);
    refuse('SERVICE_NOT_STARTED', 'A referral whose service never started cannot be completed');
  }
  const fact = receiverFact(state, command, ['service_started']);
  checkVocabulary(COMPLETION_OUTCOMES, command.outcome, 'outcome');
  return { type: 'ReferralCompleted', data: { ...fact, outcome: command.outcome, feedback: command.feedback } };
}

function drop(state: KnownReferral, command: DropReferral): ReferralEvent {
  const fact = receiverFact(state, command, ['accepted', 'first_contact_made', 'service_started']);
  checkVocabulary(DROPPED_BY, command.droppedBy, 'droppedBy');
  checkVocabulary(DROP_REASONS, command.reason, 'reason');
  return { type: 'ReferralDropped', data: { ...fact, droppedBy: command.droppedBy, reason: command.reason } };
}

function revoke(state: KnownReferral, command: RevokeReferral): ReferralEvent {
  if (!command.asCoordinator && command.actorOrganisationId !== state.sent.fromOrganisationId) {
    refuse('NOT_SENT_BY_YOUR_ORGANISATION', 'Only the sending organisation or a coordinator revokes a referral');
  }
  allowedFrom(state, ['sent', 'accepted', 'first_contact_made', 'service_started']);
  checkDate(state, command.occurredOn, command.today);
  checkVocabulary(REVOCATION_REASONS, command.reason, 'reason');
  return {
    type: 'ReferralRevoked',
    data: {
      referralId: state.sent.referralId,
      occurredOn: command.occurredOn,
      reason: command.reason,
      revokedByOrganisationId: command.actorOrganisationId,
    },
  };
}

/** A receiver's step: by the receiving organisation, from the statuses it may follow, dated in order. */
function receiverFact(state: KnownReferral, command: ReceiverStep, from: readonly ReferralStatus[]) {
  addressedTo(state, command);
  allowedFrom(state, from);
  checkDate(state, command.occurredOn, command.today);
  return { referralId: state.sent.referralId, occurredOn: command.occurredOn };
}

function addressedTo(state: KnownReferral, command: ReceiverStep): void {
  if (command.actorOrganisationId !== state.sent.toOrganisationId) {
    refuse('NOT_ADDRESSED_TO_YOUR_ORGANISATION', 'Only the receiving organisation records this step');
  }
}

function allowedFrom(state: KnownReferral, from: readonly ReferralStatus[]): void {
  if (!from.includes(state.status))
    refuse('TRANSITION_NOT_ALLOWED', `Not allowed while the referral is ${state.status}`);
}

/**
 * The request rules refuse a future or malformed date and unknown codes with a 400 before a command is built; these
 * guards keep the decider whole for any other caller. The order of the steps needs the state.
 */
function checkDate(state: KnownReferral, occurredOn: CalendarDate, today: CalendarDate): void {
  if (!isCalendarDate(occurredOn) || occurredOn > today) {
    throw new InvalidInput('INVALID_REFERRAL_DATA', 'occurredOn must be a date, not in the future');
  }
  if (occurredOn < state.lastStepOn) {
    refuse('OCCURRED_BEFORE_PREVIOUS_STEP', 'occurredOn is before the previous step of the referral');
  }
}

/** The handler refuses these with a 400 naming `occurredOn`; the guard keeps the decider whole (docs/adr/0026). */
function checkSendingDate(command: SendReferral): void {
  const { occurredOn, today, trajectory } = command;
  if (!isCalendarDate(occurredOn) || occurredOn > today || occurredOn < trajectory.openedOn) {
    throw new InvalidInput(
      'INVALID_REFERRAL_DATA',
      'occurredOn must be a date, not in the future nor before the trajectory was opened',
    );
  }
}

function checkVocabulary(vocabulary: readonly string[], value: string, field: string): void {
  if (!vocabulary.includes(value)) throw new InvalidInput('INVALID_REFERRAL_DATA', `${field} is not a known code`);
}

/** Whether the referral is overdue on `today`: still unanswered after its due date (docs/adr/0015). */
export function isOverdue(status: ReferralStatus, dueOn: CalendarDate, today: CalendarDate): boolean {
  return status === 'sent' && today > dueOn;
}
