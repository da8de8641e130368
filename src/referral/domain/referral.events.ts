import type { LifeDomain } from '../../shared/domain/life-domains';
import type { CalendarDate } from '../../shared/domain/calendar';
import type { DomainEvent } from '../../shared/domain/domain-event';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import type {
  CompletionOutcome,
  DeclineReason,
  DropReason,
  DroppedBy,
  ReferralConsentBasis,
  RevocationReason,
} from './referral.values';

/**
 * The events of one referral, stream `referral-<referralId>`. Every event carries `occurredOn`, the date the fact
 * happened in Belgium (a first contact may be recorded a week later; never in the future). Free text is sealed with
 * the person's key (subject id = `clientId`), so erasure reaches it.
 */
interface ReferralFact {
  readonly referralId: string;
  readonly occurredOn: CalendarDate;
}

export type ReferralSent = DomainEvent<
  'ReferralSent',
  ReferralFact & {
    /** The intake trajectory it is sent from, and its person. */
    readonly trajectoryId: string;
    readonly clientId: string;
    readonly fromOrganisationId: string;
    readonly toOrganisationId: string;
    /** One of the receiving organisation's services; null: the organisation as a whole. */
    readonly service: string | null;
    /** The organisations' municipalities when sent (null for a regional one): the cross-municipality flow. */
    readonly fromMunicipalityId: string | null;
    readonly toMunicipalityId: string | null;
    readonly lifeDomain: LifeDomain;
    /** The trajectory's need it answers, when recorded there. */
    readonly needId: string | null;
    /** A warm handover (warme doorverwijzing): the sender introduces the person in person or by phone. */
    readonly warm: boolean;
    /** Sealed; null when none was given. */
    readonly note: SealedPersonalData | null;
    readonly consentBasis: ReferralConsentBasis;
    /** The consent it rests on; null for basis `none`. */
    readonly consentId: string | null;
    /** The receiver's response deadline in days when sent, and the date it gives. */
    readonly responseDeadlineDays: number;
    readonly dueOn: CalendarDate;
    /**
     * The receiver's service start deadline when sent: days from acceptance to the service's start, after which an
     * accepted referral not started is overdue (docs/adr/0026). Events stored before it existed are read with 30.
     */
    readonly serviceStartDeadlineDays: number;
    /** Set when this referral is sent again after `previousReferralId` was declined or dropped. */
    readonly previousReferralId: string | null;
  }
>;

export type ReferralAccepted = DomainEvent<'ReferralAccepted', ReferralFact>;

export type ReferralDeclined = DomainEvent<
  'ReferralDeclined',
  ReferralFact & { readonly reason: DeclineReason; readonly explanation: SealedPersonalData | null }
>;

export type ReferralFirstContactMade = DomainEvent<'ReferralFirstContactMade', ReferralFact>;

/** The service really started: what "helped" is counted on (closed is not helped). */
export type ReferralServiceStarted = DomainEvent<'ReferralServiceStarted', ReferralFact>;

export type ReferralCompleted = DomainEvent<
  'ReferralCompleted',
  ReferralFact & {
    readonly outcome: CompletionOutcome;
    /** The receiver's feedback to the sender, sealed; absent in events recorded before it existed (ADR 0029). */
    readonly feedback?: SealedPersonalData | null;
  }
>;

export type ReferralDropped = DomainEvent<
  'ReferralDropped',
  ReferralFact & { readonly droppedBy: DroppedBy; readonly reason: DropReason }
>;

/** Withdrawn by the sender or a coordinator before it was completed, declined or dropped. */
export type ReferralRevoked = DomainEvent<
  'ReferralRevoked',
  ReferralFact & { readonly reason: RevocationReason; readonly revokedByOrganisationId: string }
>;

export type ReferralEvent =
  | ReferralSent
  | ReferralAccepted
  | ReferralDeclined
  | ReferralFirstContactMade
  | ReferralServiceStarted
  | ReferralCompleted
  | ReferralDropped
  | ReferralRevoked;

export const REFERRAL_EVENT_TYPES = [
  'ReferralSent',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralFirstContactMade',
  'ReferralServiceStarted',
  'ReferralCompleted',
  'ReferralDropped',
  'ReferralRevoked',
] as const satisfies readonly ReferralEvent['type'][];

/** Stream category: `referral-<referralId>`. */
export const REFERRAL_CATEGORY = 'referral';

export const REFERRAL_NOTE_CONTEXT = 'referral.note';
export const DECLINE_EXPLANATION_CONTEXT = 'referral.declineExplanation';
export const COMPLETION_FEEDBACK_CONTEXT = 'referral.completionFeedback';

/**
 * Where a referral stands. Overdue is not a status: a referral still `sent` after its `dueOn` is overdue, computed
 * against the clock where it is read (docs/adr/0015-referrals.md).
 */
export const REFERRAL_STATUSES = [
  'sent',
  'accepted',
  'declined',
  'first_contact_made',
  'service_started',
  'completed',
  'dropped',
  'revoked',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** A referral still open: not yet completed, declined, dropped or revoked (closing its trajectory asks, ADR 0026). */
export const OPEN_REFERRAL_STATUSES = [
  'sent',
  'accepted',
  'first_contact_made',
  'service_started',
] as const satisfies readonly ReferralStatus[];

/** The status each event leaves a referral in: the one definition the read models of every capability share. */
export const REFERRAL_STATUS_AFTER: Readonly<Record<ReferralEvent['type'], ReferralStatus>> = {
  ReferralSent: 'sent',
  ReferralAccepted: 'accepted',
  ReferralDeclined: 'declined',
  ReferralFirstContactMade: 'first_contact_made',
  ReferralServiceStarted: 'service_started',
  ReferralCompleted: 'completed',
  ReferralDropped: 'dropped',
  ReferralRevoked: 'revoked',
};
