import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFound } from '../../shared/domain/domain-error';
import type { Page } from '../../shared/http/pagination';
import type { OrganisationView } from '../organisation-directory/organisation.view';
import { OrganisationsQuery } from '../organisation-directory/organisations.query';
import { ListOrganisations, ReadOrganisation } from './read-organisations.query';

@QueryHandler(ListOrganisations)
export class ListOrganisationsHandler implements IQueryHandler<ListOrganisations> {
  constructor(private readonly organisations: OrganisationsQuery) {}

  execute(query: ListOrganisations): Promise<Page<OrganisationView>> {
    return this.organisations.list(query.filter, query.page);
  }
}

@QueryHandler(ReadOrganisation)
export class ReadOrganisationHandler implements IQueryHandler<ReadOrganisation> {
  constructor(private readonly organisations: OrganisationsQuery) {}

  async execute(query: ReadOrganisation): Promise<OrganisationView> {
    const organisation = await this.organisations.find(query.organisationId);
    if (!organisation) throw new NotFound('ORGANISATION_NOT_FOUND', 'No such organisation');
    return organisation;
  }
}
