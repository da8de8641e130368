import type { LifeDomain } from '../../shared/domain/life-domains';
import type { CalendarDate } from '../../shared/domain/calendar';

/**
 * The state of an intake trajectory as its decider folds it (`intake.decider.ts`): a union by status, so that a
 * combination no history can produce (a closure date on an open trajectory) cannot be written.
 */

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

/** What an opened trajectory knows, open or closed. */
export interface Trajectory {
  readonly trajectoryId: string;
  readonly clientId: string;
  /** The organisation responsible now (after transfers). */
  readonly organisationId: string;
  readonly caseworkerId: string | null;
  readonly openedOn: CalendarDate;
  /** Oldest first. */
  readonly needs: readonly TrajectoryNeed[];
  readonly rights: Readonly<Record<string, TrajectoryRight>>;
}

export interface OpenTrajectory extends Trajectory {
  readonly status: 'open';
}

export interface ClosedTrajectory extends Trajectory {
  readonly status: 'closed';
  /** The last closure's date. */
  readonly closedOn: CalendarDate;
}

export type OpenedTrajectory = OpenTrajectory | ClosedTrajectory;

/** A trajectory by status: none (never opened), open, or closed; each with only the facts that status has. */
export type IntakeState = { readonly status: 'none' } | OpenedTrajectory;
