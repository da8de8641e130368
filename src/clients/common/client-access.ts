import { Inject, Injectable } from '@nestjs/common';
import { forbidden } from '../../shared/auth/access-problems';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { type KnownClient, organisationMaySee } from '../domain/client.decider';
import { clientErased, clientNotFound } from './problems';
import { ClientStreams, type LoadedClient } from './client-streams';
import { today } from '../../shared/domain/today';

/**
 * The HTTP side of the visibility rule (docs/adr/0013): loads the person's stream and lets the caller through only
 * when their organisation may see the person today. Unknown → 404; not visible → the same 403 as a wrong role, so a
 * caller learns nothing about a person their organisation does not work with; erased → 410 for those who could.
 */
@Injectable()
export class ClientAccess {
  constructor(
    private readonly streams: ClientStreams,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The person, for a caller whose organisation may see them; erased people are refused with 410. */
  async visibleTo(user: AuthenticatedUser, clientId: string): Promise<LoadedClient & { state: KnownClient }> {
    const loaded = await this.visibleEvenIfErased(user, clientId);
    if (loaded.state.status === 'erased') throw clientErased();
    return loaded;
  }

  /** As `visibleTo`, but an erased person passes: commands refuse them with their own 409. */
  async visibleEvenIfErased(user: AuthenticatedUser, clientId: string): Promise<LoadedClient & { state: KnownClient }> {
    const loaded = await this.streams.load(clientId);
    const { state } = loaded;
    if (state.status === 'unregistered') throw clientNotFound();
    if (!organisationMaySee(state, user.organisationId, today(this.clock))) throw forbidden();
    return { ...loaded, state };
  }

  /** For the data-protection officer, whose remit is the region: any person who exists. */
  async existing(clientId: string): Promise<LoadedClient & { state: KnownClient }> {
    const loaded = await this.streams.load(clientId);
    if (loaded.state.status === 'unregistered') throw clientNotFound();
    return { ...loaded, state: loaded.state };
  }
}
