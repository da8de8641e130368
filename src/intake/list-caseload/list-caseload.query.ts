import { Query } from '@nestjs/cqrs';
import type { Caller } from '../../shared/commands/caller';
import type { CaseloadFilter } from '../intake-trajectories/trajectory-register';
import type { CaseloadPage } from './caseload.view';

/** The caller's organisation's caseload, a page at a time; every person listed goes into the access log. */
export class ListCaseload extends Query<CaseloadPage> {
  constructor(
    readonly caller: Caller,
    readonly filter: Omit<CaseloadFilter, 'organisationId'>,
    readonly page: { readonly limit?: number; readonly cursor?: string },
  ) {
    super();
  }
}
