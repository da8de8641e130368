import { Query } from '@nestjs/cqrs';
import type { Page } from '../../shared/http/pagination';
import type { MunicipalityFilter } from '../municipality-register/municipality-register';
import type { MunicipalityView } from '../municipality-register/municipality.view';

/** Municipalities by name, each with its population per year, a page at a time. */
export class ListMunicipalities extends Query<Page<MunicipalityView>> {
  constructor(
    readonly filter: MunicipalityFilter,
    readonly page: { readonly limit?: number; readonly cursor?: string },
  ) {
    super();
  }
}

/** One municipality with its population per year and its revision. */
export class ReadMunicipality extends Query<MunicipalityView> {
  constructor(readonly municipalityId: string) {
    super();
  }
}
