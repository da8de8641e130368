import { Query } from '@nestjs/cqrs';
import type { Page } from '../../shared/http/pagination';
import type { CatalogueRightView } from '../rights-catalogue/catalogue-right.view';
import type { CatalogueRightFilter } from '../rights-catalogue/rights-catalogue';

/** The rights catalogue by name, a page at a time. */
export class ListCatalogueRights extends Query<Page<CatalogueRightView>> {
  constructor(
    readonly filter: CatalogueRightFilter,
    readonly page: { readonly limit?: number; readonly cursor?: string },
  ) {
    super();
  }
}

/** One right of the catalogue with its revision. */
export class ReadCatalogueRight extends Query<CatalogueRightView> {
  constructor(readonly rightId: string) {
    super();
  }
}
