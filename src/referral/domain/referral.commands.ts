import type { LifeDomain } from '../../shared/domain/life-domains';
import type { CalendarDate } from '../../shared/domain/calendar';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import type { ReferralStatus } from './referral.events';
import type {
  CompletionOutcome,
  DeclineReason,
  DropReason,
  DroppedBy,
  ReferralConsentBasis,
  RevocationReason,
} from './referral.values';

/** The receiving organisation as the partners' directory knows it when the referral is sent. */
export interface ReceivingOrganisation {
  readonly organisationId: string;
  readonly active: boolean;
  readonly municipalityId: string | null;
  readonly services: readonly string[];
  /** Null: it receives no referrals. */
  readonly responseDeadlineDays: number | null;
  /** Days from acceptance to the service's start. */
  readonly serviceStartDeadlineDays: number;
}

/** The intake trajectory a referral is sent from, as the intake capability knows it. */
export interface SendingTrajectory {
  readonly trajectoryId: string;
  readonly clientId: string;
  /** The organisation responsible for the trajectory now: the sender. */
  readonly organisationId: string;
  readonly status: 'open' | 'closed';
  /** A referral is never dated before its trajectory was opened. */
  readonly openedOn: CalendarDate;
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
  /** When it was sent: today, or earlier for a referral registered late; its due date counts from it. */
  readonly occurredOn: CalendarDate;
  /** Today in Belgium. */
  readonly today: CalendarDate;
}

/** A step the receiving organisation records; `occurredOn` may lie in the past (facts arrive late). */
export interface ReceiverStep {
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
  /** Feedback to the sender, sealed with the person's key. */
  readonly feedback: SealedPersonalData | null;
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
