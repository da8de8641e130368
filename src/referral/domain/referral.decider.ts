import type { LifeDomain } from '../../partners';
import type { Decider } from '../../shared/domain/decider';
import { type CalendarDate, isCalendarDate } from '../../shared/domain/calendar';
import { DomainRuleViolation } from '../../shared/domain/domain-error';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import type { ReferralEvent, ReferralSent } from './referral.events';
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
import { type ReferralStatus } from './referral.events';

/** The receiving organisation as the partners' directory knows it when the referral is sent. */
export interface ReceivingOrganisation {
  readonly organisationId: string;
  readonly active: boolean;
  readonly municipalityId: string | null;
  readonly services: readonly string[];
  /** Null: it receives no referrals. */
  readonly responseDeadlineDays: number | null;
}

/** The intake trajectory a referral is sent from, as the intake capability knows it. */
export interface SendingTrajectory {
  readonly trajectoryId: string;
  readonly clientId: string;
  /** The organisation responsible for the trajectory now: the sender. */
  readonly organisationId: string;
  readonly status: 'open' | 'closed';
  readonly needs: readonly { readonly needId: string; readonly lifeDomain: LifeDomain }[];
}

/** The referral a new one follows up, when it is sent again after a decline or a drop. */
export interface PreviousReferral {
  readonly referralId: string;
  readonly status: ReferralStatus | 'none';
  readonly trajectoryId: string | null;
}

export interface SendReferral {
  readonly type: 'SendReferral';
  readonly referralId: string;
  /** The caller's organisation. */
  readonly fromOrganisationId: string;
  readonly fromMunicipalityId: string | null;
  readonly trajectory: SendingTrajectory;
  readonly toOrganisationId: string;
  /** Undefined: no such organisation. */
  readonly receiver: ReceivingOrganisation | undefined;
  readonly service: string | null;
  readonly lifeDomain: LifeDomain;
  readonly needId: string | null;
  readonly warm: boolean;
  readonly note: SealedPersonalData | null;
  /** The consent the referral rests on, as found for the person; `none` sends an anonymous signal. */
  readonly consent: { readonly basis: ReferralConsentBasis; readonly consentId: string | null } | 'missing';
  readonly previous: PreviousReferral | null;
  /** Today in Belgium: the day it is sent. */
  readonly today: CalendarDate;
}

/** A step the receiving organisation records; `occurredOn` may lie in the past (facts arrive late). */
interface ReceiverStep {
  readonly actorOrganisationId: string;
  readonly occurredOn: CalendarDate;
  readonly today: CalendarDate;
}

export interface AcceptReferral extends ReceiverStep {
  readonly type: 'AcceptReferral';
}
export interface DeclineReferral extends ReceiverStep {
  readonly type: 'DeclineReferral';
  readonly reason: DeclineReason;
  readonly explanation: SealedPersonalData | null;
}
export interface RecordFirstContact extends ReceiverStep {
  readonly type: 'RecordFirstContact';
}
export interface RecordServiceStart extends ReceiverStep {
  readonly type: 'RecordServiceStart';
}
export interface CompleteReferral extends ReceiverStep {
  readonly type: 'CompleteReferral';
  readonly outcome: CompletionOutcome;
}
export interface DropReferral extends ReceiverStep {
  readonly type: 'DropReferral';
  readonly droppedBy: DroppedBy;
  readonly reason: DropReason;
}
export interface RevokeReferral {
  readonly type: 'RevokeReferral';
  readonly actorOrganisationId: string;
  /** A coordinator revokes for the region; otherwise only the sending organisation may. */
  readonly asCoordinator: boolean;
  readonly reason: RevocationReason;
  readonly occurredOn: CalendarDate;
  readonly today: CalendarDate;
}

export type ReferralCommand =
  | SendReferral
  | AcceptReferral
  | DeclineReferral
  | RecordFirstContact
  | RecordServiceStart
  | CompleteReferral
  | DropReferral
  | RevokeReferral;

export type ReceiverCommand = Exclude<ReferralCommand, SendReferral | RevokeReferral>;

/** A referral as its events tell it: the facts of sending, then where it stands. */
export interface KnownReferral {
  readonly status: ReferralStatus;
  readonly sent: ReferralSent['data'];
  /** The date of the latest step: a later one may not be dated before it. */
  readonly lastStepOn: CalendarDate;
  readonly acceptedOn: CalendarDate | null;
  readonly declined: {
    readonly on: CalendarDate;
    readonly reason: DeclineReason;
    readonly explanation: SealedPersonalData | null;
  } | null;
  readonly firstContactOn: CalendarDate | null;
  readonly serviceStartedOn: CalendarDate | null;
  readonly completed: { readonly on: CalendarDate; readonly outcome: CompletionOutcome } | null;
  readonly dropped: { readonly on: CalendarDate; readonly droppedBy: DroppedBy; readonly reason: DropReason } | null;
  readonly revoked: {
    readonly on: CalendarDate;
    readonly reason: RevocationReason;
    readonly byOrganisationId: string;
  } | null;
}

export type ReferralState = { readonly status: 'none' } | KnownReferral;

/** Refusal codes that mean "no such resource": the HTTP layer answers them with 404. */
export const NOT_FOUND_CODES = new Set(['REFERRAL_NOT_FOUND', 'PREVIOUS_REFERRAL_NOT_FOUND']);

/** The statuses each receiver step may follow; anything else is `TRANSITION_NOT_ALLOWED`. */
const ALLOWED_FROM: Readonly<Record<ReceiverCommand['type'] | 'RevokeReferral', readonly ReferralStatus[]>> = {
  AcceptReferral: ['sent'],
  DeclineReferral: ['sent'],
  RecordFirstContact: ['accepted'],
  RecordServiceStart: ['first_contact_made'],
  CompleteReferral: ['service_started'],
  DropReferral: ['accepted', 'first_contact_made', 'service_started'],
  RevokeReferral: ['sent', 'accepted', 'first_contact_made', 'service_started'],
};

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
    if (command.type === 'SendReferral') {
      if (state.status !== 'none') refuse('REFERRAL_ALREADY_SENT', 'This referral was already sent');
      return [send(command)];
    }
    if (state.status === 'none') refuse('REFERRAL_NOT_FOUND', 'No such referral');
    if (command.type === 'RevokeReferral') return revoke(state, command);
    return receiverStep(state, command);
  },

  evolve(state, event) {
    if (event.type === 'ReferralSent') {
      return {
        status: 'sent',
        sent: event.data,
        lastStepOn: event.data.occurredOn,
        acceptedOn: null,
        declined: null,
        firstContactOn: null,
        serviceStartedOn: null,
        completed: null,
        dropped: null,
        revoked: null,
      };
    }
    if (state.status === 'none') return state;
    const on = event.data.occurredOn;
    const step = { lastStepOn: on > state.lastStepOn ? on : state.lastStepOn };
    switch (event.type) {
      case 'ReferralAccepted':
        return { ...state, ...step, status: 'accepted', acceptedOn: on };
      case 'ReferralDeclined':
        return {
          ...state,
          ...step,
          status: 'declined',
          declined: { on, reason: event.data.reason, explanation: event.data.explanation },
        };
      case 'ReferralFirstContactMade':
        return { ...state, ...step, status: 'first_contact_made', firstContactOn: on };
      case 'ReferralServiceStarted':
        return { ...state, ...step, status: 'service_started', serviceStartedOn: on };
      case 'ReferralCompleted':
        return { ...state, ...step, status: 'completed', completed: { on, outcome: event.data.outcome } };
      case 'ReferralDropped':
        return {
          ...state,
          ...step,
          status: 'dropped',
          dropped: { on, droppedBy: event.data.droppedBy, reason: event.data.reason },
        };
      case 'ReferralRevoked':
        return {
          ...state,
          ...step,
          status: 'revoked',
          revoked: { on, reason: event.data.reason, byOrganisationId: event.data.revokedByOrganisationId },
        };
    }
  },
};

function send(command: SendReferral): ReferralEvent {
  const { trajectory, receiver, previous } = command;
  if (trajectory.organisationId !== command.fromOrganisationId) {
    refuse('NOT_RESPONSIBLE_FOR_TRAJECTORY', 'Only the organisation responsible for the trajectory may refer from it');
  }
  if (trajectory.status === 'closed') refuse('TRAJECTORY_CLOSED', 'The intake trajectory is closed');
  if (previous !== null) {
    if (previous.status === 'none') refuse('PREVIOUS_REFERRAL_NOT_FOUND', 'No such previous referral');
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
  if (command.service !== null && !receiver.services.includes(command.service)) {
    refuse('UNKNOWN_SERVICE', 'The organisation offers no such service');
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
      occurredOn: command.today,
      trajectoryId: trajectory.trajectoryId,
      clientId: trajectory.clientId,
      fromOrganisationId: command.fromOrganisationId,
      toOrganisationId: receiver.organisationId,
      service: command.service,
      fromMunicipalityId: command.fromMunicipalityId,
      toMunicipalityId: receiver.municipalityId,
      lifeDomain: command.lifeDomain,
      needId: command.needId,
      warm: command.warm,
      note: command.note,
      consentBasis: command.consent.basis,
      consentId: command.consent.basis === 'none' ? null : command.consent.consentId,
      responseDeadlineDays: receiver.responseDeadlineDays,
      dueOn: addDays(command.today, receiver.responseDeadlineDays),
      previousReferralId: previous?.referralId ?? null,
    },
  };
}

function receiverStep(state: KnownReferral, command: ReceiverCommand): ReferralEvent[] {
  if (command.actorOrganisationId !== state.sent.toOrganisationId) {
    refuse('NOT_ADDRESSED_TO_YOUR_ORGANISATION', 'Only the receiving organisation records this step');
  }
  if (command.type === 'CompleteReferral' && ['sent', 'accepted', 'first_contact_made'].includes(state.status)) {
    refuse('SERVICE_NOT_STARTED', 'A referral whose service never started cannot be completed');
  }
  allowedFrom(state, command.type);
  checkDate(state, command.occurredOn, command.today);
  const fact = { referralId: state.sent.referralId, occurredOn: command.occurredOn };
  switch (command.type) {
    case 'AcceptReferral':
      return [{ type: 'ReferralAccepted', data: fact }];
    case 'DeclineReferral':
      checkVocabulary(DECLINE_REASONS, command.reason, 'reason');
      return [
        { type: 'ReferralDeclined', data: { ...fact, reason: command.reason, explanation: command.explanation } },
      ];
    case 'RecordFirstContact':
      return [{ type: 'ReferralFirstContactMade', data: fact }];
    case 'RecordServiceStart':
      return [{ type: 'ReferralServiceStarted', data: fact }];
    case 'CompleteReferral':
      checkVocabulary(COMPLETION_OUTCOMES, command.outcome, 'outcome');
      return [{ type: 'ReferralCompleted', data: { ...fact, outcome: command.outcome } }];
    case 'DropReferral':
      checkVocabulary(DROPPED_BY, command.droppedBy, 'droppedBy');
      checkVocabulary(DROP_REASONS, command.reason, 'reason');
      return [{ type: 'ReferralDropped', data: { ...fact, droppedBy: command.droppedBy, reason: command.reason } }];
  }
}

function revoke(state: KnownReferral, command: RevokeReferral): ReferralEvent[] {
  if (!command.asCoordinator && command.actorOrganisationId !== state.sent.fromOrganisationId) {
    refuse('NOT_SENT_BY_YOUR_ORGANISATION', 'Only the sending organisation or a coordinator revokes a referral');
  }
  allowedFrom(state, command.type);
  checkDate(state, command.occurredOn, command.today);
  checkVocabulary(REVOCATION_REASONS, command.reason, 'reason');
  return [
    {
      type: 'ReferralRevoked',
      data: {
        referralId: state.sent.referralId,
        occurredOn: command.occurredOn,
        reason: command.reason,
        revokedByOrganisationId: command.actorOrganisationId,
      },
    },
  ];
}

function allowedFrom(state: KnownReferral, type: keyof typeof ALLOWED_FROM): void {
  if (!ALLOWED_FROM[type].includes(state.status)) {
    refuse('TRANSITION_NOT_ALLOWED', `Not allowed while the referral is ${state.status}`);
  }
}

/** The HTTP layer refuses a future or malformed date with a 400; the order of the steps needs the state. */
function checkDate(state: KnownReferral, occurredOn: CalendarDate, today: CalendarDate): void {
  if (!isCalendarDate(occurredOn) || occurredOn > today) {
    refuse('INVALID_REFERRAL_DATA', 'occurredOn must be a date, not in the future');
  }
  if (occurredOn < state.lastStepOn) {
    refuse('OCCURRED_BEFORE_PREVIOUS_STEP', 'occurredOn is before the previous step of the referral');
  }
}

function checkVocabulary(vocabulary: readonly string[], value: string, field: string): void {
  if (!vocabulary.includes(value)) refuse('INVALID_REFERRAL_DATA', `${field} is not a known code`);
}

/** Whether the referral is overdue on `today`: still unanswered after its due date (docs/adr/0015). */
export function isOverdue(status: ReferralStatus, dueOn: CalendarDate, today: CalendarDate): boolean {
  return status === 'sent' && today > dueOn;
}

/** A calendar date plus whole days (calendar days: weekends and holidays count). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

function refuse(code: string, detail: string): never {
  throw new DomainRuleViolation(code, detail);
}
