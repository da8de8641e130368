import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { ClientMatchesView } from './client-match.view';

/** Find people again by INSZ, or by name and birth date. The body is validated by the handler. */
export class FindClients extends Query<ClientMatchesView> {
  constructor(
    readonly caller: Caller,
    readonly body: unknown,
  ) {
    super();
  }
}
