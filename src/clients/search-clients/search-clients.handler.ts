import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { validateRequest } from '../../shared/commands/request-validation';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { ClientSummaries } from '../client-summary/client-summaries';
import { ClientStreams } from '../common/client-streams';
import { IdentityIndex } from '../common/identity-index';
import { organisationMaySee } from '../domain/client.decider';
import { searchNameKey } from '../domain/personal-details';
import type { ClientFoundView, ClientsFoundView } from './client-found.view';
import { SearchClients } from './search-clients.query';
import { SearchClientsRequest, searchProblems } from './search-clients.request';

/**
 * Finds people through the family-name blind index, then keeps those the caller's organisation may see now (the
 * visibility rule, docs/adr/0013) and that match the given name and birth year, read from each person's stream.
 * People the caller may not see are not answered, not even as a count; those answered are in the access log.
 */
@QueryHandler(SearchClients)
export class SearchClientsHandler implements IQueryHandler<SearchClients> {
  constructor(
    private readonly identities: IdentityIndex,
    private readonly streams: ClientStreams,
    private readonly summaries: ClientSummaries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, body }: SearchClients): Promise<ClientsFoundView> {
    const date = today(this.clock);
    const request = await validateRequest(SearchClientsRequest, body, searchProblems(date));
    const givenName = request.givenName === undefined ? undefined : searchNameKey(request.givenName);
    const people: ClientFoundView[] = [];
    for (const clientId of await this.identities.withFamilyName(request.familyName)) {
      const loaded = await this.streams.load(clientId);
      const { state } = loaded;
      if (state.status !== 'registered' || !organisationMaySee(state, caller.user.organisationId, date)) continue;
      const summary = await this.summaries.summaryOfStream({ ...loaded, state });
      if (summary === undefined) continue;
      if (givenName !== undefined && searchNameKey(summary.givenName) !== givenName) continue;
      if (request.birthYear !== undefined && Number(summary.birthDate.slice(0, 4)) !== request.birthYear) continue;
      caller.accessLog.addPerson(clientId);
      const { familyName, birthDate } = summary;
      people.push({ clientId, givenName: summary.givenName, familyName, birthDate });
    }
    people.sort(
      (a, b) =>
        a.familyName.localeCompare(b.familyName, 'nl') ||
        a.givenName.localeCompare(b.givenName, 'nl') ||
        a.birthDate.localeCompare(b.birthDate) ||
        a.clientId.localeCompare(b.clientId),
    );
    return { people };
  }
}
