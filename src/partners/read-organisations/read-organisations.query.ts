import { Query } from '@nestjs/cqrs';
import type { Page } from '../../shared/http/pagination';
import type { OrganisationView } from '../organisation-directory/organisation.view';
import type { OrganisationFilter } from '../organisation-directory/organisation-directory';

/** Partner organisations by name, a page at a time. */
export class ListOrganisations extends Query<Page<OrganisationView>> {
  constructor(
    readonly filter: OrganisationFilter,
    readonly page: { readonly limit?: number; readonly cursor?: string },
  ) {
    super();
  }
}

/** One organisation as the directory shows it, with its revision. */
export class ReadOrganisation extends Query<OrganisationView> {
  constructor(readonly organisationId: string) {
    super();
  }
}
