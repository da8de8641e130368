import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { validateRequest } from '../../shared/commands/request-validation';
import { ClientStreams } from '../common/client-streams';
import { IdentityIndex } from '../common/identity-index';
import { organisationMaySee } from '../domain/client.decider';
import { checkInsz } from '../domain/insz';
import type { ClientMatchesView, ClientMatchView } from './client-match.view';
import { FindClients } from './find-clients.query';
import { FindClientsRequest, lookupProblems } from './find-clients.request';

/** Ids only, each with whether the caller's organisation may see the person; every person found is logged. */
@QueryHandler(FindClients)
export class FindClientsHandler implements IQueryHandler<FindClients> {
  constructor(
    private readonly identities: IdentityIndex,
    private readonly streams: ClientStreams,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, body }: FindClients): Promise<ClientMatchesView> {
    const request = await validateRequest(FindClientsRequest, body, lookupProblems);
    const date = today(this.clock);
    const matches: ClientMatchView[] = [];
    for (const clientId of await this.candidates(request)) {
      const { state } = await this.streams.load(clientId);
      // A hash whose registration never completed, or an erased person, names nobody.
      if (state.status !== 'registered') continue;
      caller.accessLog.addPerson(clientId);
      matches.push({ clientId, visible: organisationMaySee(state, caller.user.organisationId, date) });
    }
    return { matches };
  }

  private async candidates(request: FindClientsRequest): Promise<string[]> {
    if (request.insz !== undefined) {
      const check = checkInsz(request.insz);
      const holder = check.valid ? await this.identities.holderOfInsz(check.facts.digits) : undefined;
      return holder === undefined ? [] : [holder];
    }
    return this.identities.withNameAndBirthDate({
      givenName: request.givenName!,
      familyName: request.familyName!,
      birthDate: request.birthDate!,
    });
  }
}
