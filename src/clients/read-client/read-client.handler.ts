import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientSummaries } from '../client-summary/client-summaries';
import type { ClientView } from '../client-summary/client.view';
import { ClientAccess, clientNotFound } from '../common/client-access';
import { ReadClient } from './read-client.query';

@QueryHandler(ReadClient)
export class ReadClientHandler implements IQueryHandler<ReadClient> {
  constructor(
    private readonly access: ClientAccess,
    private readonly summaries: ClientSummaries,
  ) {}

  async execute({ caller, clientId }: ReadClient): Promise<ClientView> {
    const loaded = await this.access.visibleTo(caller.user, clientId);
    const fromReadModel = await this.summaries.find(clientId);
    // A read model behind the stream (a write on another replica a moment ago, a stalled projection): the events
    // answer, so that nobody reads an older person than the one they just changed.
    const view =
      fromReadModel && BigInt(fromReadModel.revision) === loaded.revision
        ? fromReadModel
        : await this.summaries.summaryOfStream(loaded);
    if (!view) throw clientNotFound();
    return view;
  }
}
