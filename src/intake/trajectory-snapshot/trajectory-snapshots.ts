import { Injectable } from '@nestjs/common';
import type { CalendarDate } from '../../shared/domain/calendar';
import type { LifeDomain } from '../../shared/domain/life-domains';
import { IntakeStreams } from '../common/intake-streams';

/** A trajectory as other capabilities need it (the referral capability: sent from an open trajectory of mine?). */
export interface IntakeTrajectorySnapshot {
  readonly trajectoryId: string;
  readonly clientId: string;
  /** The organisation responsible now (after transfers). */
  readonly organisationId: string;
  readonly caseworkerId: string | null;
  readonly status: 'open' | 'closed';
  /** The day it was opened: nothing of it happened before (a referral registered late, docs/adr/0026). */
  readonly openedOn: CalendarDate;
  readonly needs: readonly { readonly needId: string; readonly lifeDomain: LifeDomain }[];
}

/**
 * Answers other capabilities' questions about a trajectory from its stream's fold (not the read model), so that a transfer
 * or a closure a moment ago counts at once. Undefined for an unknown trajectory (or an id that is not a UUID).
 */
@Injectable()
export class TrajectorySnapshots {
  constructor(private readonly streams: IntakeStreams) {}

  async find(trajectoryId: string): Promise<IntakeTrajectorySnapshot | undefined> {
    const { state } = await this.streams.load(trajectoryId);
    if (state.status === 'none') return undefined;
    return {
      trajectoryId: state.trajectoryId,
      clientId: state.clientId,
      organisationId: state.organisationId,
      caseworkerId: state.caseworkerId,
      status: state.status,
      openedOn: state.openedOn,
      needs: state.needs.map((need) => ({ needId: need.needId, lifeDomain: need.lifeDomain })),
    };
  }
}
