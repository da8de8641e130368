import type { LifeDomain } from '../../shared/domain/life-domains';
import type { CalendarDate } from '../../shared/domain/calendar';
import type { DomainEvent } from '../../shared/domain/domain-event';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import type {
  IntakeOrigin,
  IntakeOutcome,
  ProactiveSignalSource,
  ProblemFlag,
  RightRefusalReason,
  TransferReason,
  UnmetNeedReason,
} from './intake.values';

/**
 * The events of one intake trajectory, stream `intake-<trajectoryId>`. Every event carries `occurredOn`: the date
 * the fact happened in Belgium, which the social worker may give (facts arrive late; never in the future). When it
 * was recorded is the store's `created`. The as-of query folds on either axis; impact counts on `occurredOn`.
 * Free text is sealed with the person's key (subject id = `clientId`), so erasure reaches it.
 */
interface TrajectoryFact {
  readonly trajectoryId: string;
  readonly occurredOn: CalendarDate;
}

export type IntakeOpened = DomainEvent<
  'IntakeOpened',
  TrajectoryFact & {
    readonly clientId: string;
    /** The organisation responsible for the trajectory; it sees it. */
    readonly organisationId: string;
    /** The social worker's user id. */
    readonly caseworkerId: string;
    readonly origin: IntakeOrigin;
    /** `referred_by_partner` only. */
    readonly referringOrganisationId: string | null;
    /** `proactive_signal` only. */
    readonly signalSource: ProactiveSignalSource | null;
  }
>;

/** A (partial) life-domain assessment; the first is the intake's baseline, later ones are follow-ups. */
export type LifeDomainsAssessed = DomainEvent<
  'LifeDomainsAssessed',
  TrajectoryFact & {
    readonly assessmentId: string;
    /** 1–5 per assessed domain; domains not assessed are absent. */
    readonly scores: Partial<Record<LifeDomain, number>>;
    readonly problemFlags: readonly ProblemFlag[];
  }
>;

export type NeedRecorded = DomainEvent<
  'NeedRecorded',
  TrajectoryFact & {
    readonly needId: string;
    readonly lifeDomain: LifeDomain;
    /** A short description, sealed; null when none was given. */
    readonly description: SealedPersonalData | null;
  }
>;

/** A right from the rights catalogue (partners), explored for the person; `needId` when it answers a recorded need. */
export type RightExplored = DomainEvent<
  'RightExplored',
  TrajectoryFact & { readonly rightId: string; readonly lifeDomain: LifeDomain; readonly needId: string | null }
>;

export type RightApplied = DomainEvent<'RightApplied', TrajectoryFact & { readonly rightId: string }>;

export type RightGranted = DomainEvent<
  'RightGranted',
  TrajectoryFact & {
    readonly rightId: string;
    /** Euro cents per period where the right is an amount (a supplementary allowance); null otherwise. */
    readonly amountCents: number | null;
    /** Inclusive; null when open-ended or unknown. */
    readonly grantedUntil: CalendarDate | null;
  }
>;

export type RightRefused = DomainEvent<
  'RightRefused',
  TrajectoryFact & { readonly rightId: string; readonly reason: RightRefusalReason }
>;

/** A need no partner can answer now (niet-toeleidbaar), with the reason: the data behind signalling thresholds. */
export type UnmetNeedSignalled = DomainEvent<
  'UnmetNeedSignalled',
  TrajectoryFact & {
    readonly unmetNeedId: string;
    readonly lifeDomain: LifeDomain;
    readonly reason: UnmetNeedReason;
    readonly needId: string | null;
  }
>;

export type CaseworkerAssigned = DomainEvent<
  'CaseworkerAssigned',
  TrajectoryFact & {
    readonly caseworkerId: string;
    /** Null when the trajectory had none (transferred without a caseworker of the receiving organisation). */
    readonly previousCaseworkerId: string | null;
  }
>;

/** Responsibility moved to another organisation (a move, a kracht.wonen house): from now on that one sees it. */
export type ResponsibilityTransferred = DomainEvent<
  'ResponsibilityTransferred',
  TrajectoryFact & {
    readonly fromOrganisationId: string;
    readonly toOrganisationId: string;
    readonly reason: TransferReason;
    /**
     * The receiving organisation's caseworker when known; null until it assigns one. Stored as `caseworkerId`
     * before 2026-12-07, which read as the caseworker who handed over: `decodeIntakeEvent` renames it.
     */
    readonly receivingCaseworkerId: string | null;
  }
>;

export type IntakeClosed = DomainEvent<'IntakeClosed', TrajectoryFact & { readonly outcome: IntakeOutcome }>;

/** Reopened after a closure: a new fact, the closure stays in the history. */
export type IntakeReopened = DomainEvent<'IntakeReopened', TrajectoryFact>;

export type IntakeEvent =
  | IntakeOpened
  | LifeDomainsAssessed
  | NeedRecorded
  | RightExplored
  | RightApplied
  | RightGranted
  | RightRefused
  | UnmetNeedSignalled
  | CaseworkerAssigned
  | ResponsibilityTransferred
  | IntakeClosed
  | IntakeReopened;

export const INTAKE_EVENT_TYPES = [
  'IntakeOpened',
  'LifeDomainsAssessed',
  'NeedRecorded',
  'RightExplored',
  'RightApplied',
  'RightGranted',
  'RightRefused',
  'UnmetNeedSignalled',
  'CaseworkerAssigned',
  'ResponsibilityTransferred',
  'IntakeClosed',
  'IntakeReopened',
] as const satisfies readonly IntakeEvent['type'][];

/** Stream category: `intake-<trajectoryId>`. */
export const INTAKE_CATEGORY = 'intake';

/** The context a need's description is sealed under. */
export const NEED_DESCRIPTION_CONTEXT = 'intake.needDescription';
