import { Inject, Injectable } from '@nestjs/common';
import type { OrganisationRegistry } from '../../shared/auth/organisation-registry';
import { isUuid, streamName } from '../../shared/domain/ids';
import { EVENT_STORE, type EventStore, StreamNotFound } from '../../shared/event-store';
import { decodeOrganisationEvent, ORGANISATION_CATEGORY } from '../domain/organisation.events';
import { OrganisationDirectory } from './organisation-directory';

/** More organisations than the region will ever register; the cache cannot grow without bound. */
const MAX_REMEMBERED = 10_000;

/**
 * The organisations a token may name (docs/adr/0031): every registered one, deactivated ones included (their staff
 * still read the files they kept). Asked on every authenticated request, so a known organisation is remembered:
 * nothing unregisters one. The directory answers first; an organisation registered a moment ago that it does not
 * show yet is found in the event store, so a fresh registration is never refused.
 */
@Injectable()
export class RegisteredOrganisations implements OrganisationRegistry {
  private readonly remembered = new Set<string>();

  constructor(
    private readonly directory: OrganisationDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async isRegistered(organisationId: string): Promise<boolean> {
    if (this.remembered.has(organisationId)) return true;
    if (!isUuid(organisationId)) return false;
    const registered =
      (await this.directory.find(organisationId)) !== undefined || (await this.inStore(organisationId));
    if (registered && this.remembered.size < MAX_REMEMBERED) this.remembered.add(organisationId);
    return registered;
  }

  private async inStore(organisationId: string): Promise<boolean> {
    try {
      // Registration is always an organisation's first event, and nothing undoes it.
      const [first] = await this.store.readStream(streamName(ORGANISATION_CATEGORY, organisationId), { maxCount: 1 });
      return first !== undefined && decodeOrganisationEvent(first).type === 'OrganisationRegistered';
    } catch (error) {
      if (error instanceof StreamNotFound) return false;
      throw error;
    }
  }
}
