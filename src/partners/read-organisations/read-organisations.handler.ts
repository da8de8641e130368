import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Page } from '../../shared/http/pagination';
import { noSuch } from '../domain/rules';
import type { OrganisationView } from '../organisation-directory/organisation.view';
import { OrganisationDirectory } from '../organisation-directory/organisation-directory';
import { ListOrganisations, ReadOrganisation } from './read-organisations.query';

@QueryHandler(ListOrganisations)
export class ListOrganisationsHandler implements IQueryHandler<ListOrganisations> {
  constructor(private readonly organisations: OrganisationDirectory) {}

  execute(query: ListOrganisations): Promise<Page<OrganisationView>> {
    return this.organisations.list(query.filter, query.page);
  }
}

@QueryHandler(ReadOrganisation)
export class ReadOrganisationHandler implements IQueryHandler<ReadOrganisation> {
  constructor(private readonly organisations: OrganisationDirectory) {}

  async execute(query: ReadOrganisation): Promise<OrganisationView> {
    const organisation = await this.organisations.find(query.organisationId);
    if (!organisation) throw noSuch.organisation();
    return organisation;
  }
}
