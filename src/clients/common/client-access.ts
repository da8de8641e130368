import { Inject, Injectable } from '@nestjs/common';
import { forbidden } from '../../shared/auth/access-problems';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { Gone, NotFound } from '../../shared/domain/domain-error';
import { today } from '../../shared/domain/today';
import { type KnownClient, organisationMaySee, type RegisteredClient } from '../domain/client.decider';
import { ClientStreams, type LoadedClient } from './client-streams';

/**
 * The visibility rule (docs/adr/0013) for handlers: loads the person's stream and lets the caller through only when
 * their organisation may see the person today. Unknown → 404; not visible → the same 403 as a wrong role, so a
 * caller learns nothing about a person their organisation does not work with; erased → 410 for those who could.
 */
@Injectable()
export class ClientAccess {
  constructor(
    private readonly streams: ClientStreams,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The person, for a caller whose organisation may see them; erased people are refused with 410. */
  async visibleTo(user: AuthenticatedUser, clientId: string): Promise<LoadedClient & { state: RegisteredClient }> {
    const loaded = await this.visibleEvenIfErased(user, clientId);
    const { state } = loaded;
    if (state.status === 'erased') throw clientErased();
    return { ...loaded, state };
  }

  /** As `visibleTo`, but an erased person passes: commands refuse them with their own 409. */
  async visibleEvenIfErased(user: AuthenticatedUser, clientId: string): Promise<LoadedClient & { state: KnownClient }> {
    const loaded = await this.existing(clientId);
    if (!organisationMaySee(loaded.state, user.organisationId, today(this.clock))) throw forbidden();
    return loaded;
  }

  /** For the data-protection officer, whose remit is the region: any person who exists. */
  async existing(clientId: string): Promise<LoadedClient & { state: KnownClient }> {
    const loaded = await this.streams.load(clientId);
    const { state } = loaded;
    if (state.status === 'unregistered') throw clientNotFound();
    return { ...loaded, state };
  }
}

export function clientNotFound(): NotFound {
  return new NotFound('CLIENT_NOT_FOUND', 'No such person.');
}

/** A person whose personal data was erased: there is nothing left to show (GDPR art. 17). */
export function clientErased(): Gone {
  return new Gone('CLIENT_ERASED', "This person's personal data has been erased.");
}
