import type { LifeDomain } from '../../shared/domain/life-domains';
import type { CalendarDate } from '../../shared/domain/calendar';
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
 * The commands of the intake decider. Handlers build them from a request that was validated already; look-ups the
 * decider cannot make (a registered organisation, a right offered) travel inside them as facts.
 */

/** What every command carries: when the fact happened, and today in Belgium (it may not be later). */
export interface Dated {
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
  /** The receiving organisation's caseworker: a transfer names one, so that no view shows none (docs/adr/0028). */
  readonly caseworkerId: string;
}

export interface CloseIntake extends Dated {
  readonly type: 'CloseIntake';
  readonly outcome: IntakeOutcome;
  /** The referrals sent from the trajectory that are still open (looked up; ids only). */
  readonly openReferralIds: readonly string[];
  /** The caller said `openReferrals: "keep"`: close anyway, the referrals stay as they are. */
  readonly keepOpenReferrals: boolean;
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
