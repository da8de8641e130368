import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { ClientView } from '../client-summary/client.view';

/** A person's summary, for a caller whose organisation may see them today. */
export class ReadClient extends Query<ClientView> {
  constructor(
    readonly caller: Caller,
    readonly clientId: string,
  ) {
    super();
  }
}
