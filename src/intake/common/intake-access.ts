import { Inject, Injectable } from '@nestjs/common';
import { ClientAccessList } from '../../clients';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import type { CommandContext } from '../../shared/commands/command-executor';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { AccessDenied } from '../../shared/domain/domain-error';
import { decodeIntakeEvent } from '../domain/intake.decoder';
import { type OpenedTrajectory, trajectoryNotFound } from '../domain/intake.decider';
import { IntakeStreams, isRetry, type LoadedTrajectory } from './intake-streams';

export type VisibleTrajectory = LoadedTrajectory & { readonly state: OpenedTrajectory };

/** How a reader stands to a trajectory: responsible for it now, or responsible before a transfer (docs/adr/0028). */
export type TrajectoryStanding = 'responsible' | 'former';

/**
 * Who may see and work a trajectory (docs/adr/0014): the social workers of the organisation responsible for it
 * **now**, read from its stream so that a transfer counts at once. Unknown → 404; another organisation → the same
 * 403 as a wrong role, so a caller learns nothing about other organisations' trajectories.
 */
@Injectable()
export class IntakeAccess {
  constructor(
    private readonly streams: IntakeStreams,
    private readonly clients: ClientAccessList,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * For reading the trajectory's course: the organisation responsible now, or one that transferred it on while it
   * may still see the person (its registration, or a consent naming it: docs/adr/0028), read from the person's
   * stream so that a withdrawal counts at once. Commands keep using `responsibleFor`.
   */
  async readableBy(
    user: AuthenticatedUser,
    trajectoryId: string,
    accessLog: PendingAccessLogEntry,
  ): Promise<VisibleTrajectory & { readonly standing: TrajectoryStanding }> {
    const loaded = await this.streams.load(trajectoryId);
    const { state } = loaded;
    if (state.status === 'none') throw trajectoryNotFound();
    accessLog.addPerson(state.clientId);
    if (state.organisationId === user.organisationId) return { ...loaded, state, standing: 'responsible' };
    const handedOn = loaded.events.some((recorded) => {
      const event = decodeIntakeEvent(recorded);
      return event.type === 'ResponsibilityTransferred' && event.data.fromOrganisationId === user.organisationId;
    });
    if (!handedOn || !(await this.clients.of(state.clientId)).maySee(user.organisationId, this.clock.now())) {
      throw new AccessDenied();
    }
    return { ...loaded, state, standing: 'former' };
  }

  /**
   * The person goes into the access-log entry before the organisation is checked: refusals are logged with them.
   * `retryOf`: a command whose earlier call with the same idempotency key is in the stream passes, so that the retry
   * of a transfer is answered like the first call although the caller's organisation is responsible no more.
   */
  async responsibleFor(
    user: AuthenticatedUser,
    trajectoryId: string,
    accessLog: PendingAccessLogEntry,
    retryOf?: CommandContext,
  ): Promise<VisibleTrajectory> {
    const loaded = await this.streams.load(trajectoryId);
    const { state } = loaded;
    if (state.status === 'none') throw trajectoryNotFound();
    accessLog.addPerson(state.clientId);
    const retry = retryOf !== undefined && isRetry(loaded, trajectoryId, retryOf);
    if (state.organisationId !== user.organisationId && !retry) throw new AccessDenied();
    return { ...loaded, state };
  }
}
