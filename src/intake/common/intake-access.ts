import { Injectable } from '@nestjs/common';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import type { CommandContext } from '../../shared/commands/command-executor';
import { AccessDenied } from '../../shared/domain/domain-error';
import { type OpenedTrajectory, trajectoryNotFound } from '../domain/intake.decider';
import { IntakeStreams, isRetry, type LoadedTrajectory } from './intake-streams';

export type VisibleTrajectory = LoadedTrajectory & { readonly state: OpenedTrajectory };

/**
 * Who may see and work a trajectory (docs/adr/0014): the social workers of the organisation responsible for it
 * **now**, read from its stream so that a transfer counts at once. Unknown → 404; another organisation → the same
 * 403 as a wrong role, so a caller learns nothing about other organisations' trajectories.
 */
@Injectable()
export class IntakeAccess {
  constructor(private readonly streams: IntakeStreams) {}

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
