import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Page } from '../../shared/http/pagination';
import { noSuch } from '../domain/rules';
import type { CatalogueRightView } from '../rights-catalogue/catalogue-right.view';
import { RightsCatalogue } from '../rights-catalogue/rights-catalogue';
import { ListCatalogueRights, ReadCatalogueRight } from './read-rights-catalogue.query';

@QueryHandler(ListCatalogueRights)
export class ListCatalogueRightsHandler implements IQueryHandler<ListCatalogueRights> {
  constructor(private readonly catalogue: RightsCatalogue) {}

  execute(query: ListCatalogueRights): Promise<Page<CatalogueRightView>> {
    return this.catalogue.list(query.filter, query.page);
  }
}

@QueryHandler(ReadCatalogueRight)
export class ReadCatalogueRightHandler implements IQueryHandler<ReadCatalogueRight> {
  constructor(private readonly catalogue: RightsCatalogue) {}

  async execute(query: ReadCatalogueRight): Promise<CatalogueRightView> {
    const right = await this.catalogue.find(query.rightId);
    if (!right) throw noSuch.catalogueRight();
    return right;
  }
}
