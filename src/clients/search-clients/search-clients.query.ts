import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { ClientsFoundView } from './client-found.view';

/** Find people by family name (docs/adr/0028). The body is validated by the handler. */
export class SearchClients extends Query<ClientsFoundView> {
  constructor(
    readonly caller: Caller,
    readonly body: unknown,
  ) {
    super();
  }
}
