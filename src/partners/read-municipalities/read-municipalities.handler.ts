import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Page } from '../../shared/http/pagination';
import { noSuch } from '../domain/rules';
import { MunicipalityRegister } from '../municipality-register/municipality-register';
import type { MunicipalityView } from '../municipality-register/municipality.view';
import { ListMunicipalities, ReadMunicipality } from './read-municipalities.query';

@QueryHandler(ListMunicipalities)
export class ListMunicipalitiesHandler implements IQueryHandler<ListMunicipalities> {
  constructor(private readonly municipalities: MunicipalityRegister) {}

  execute(query: ListMunicipalities): Promise<Page<MunicipalityView>> {
    return this.municipalities.list(query.filter, query.page);
  }
}

@QueryHandler(ReadMunicipality)
export class ReadMunicipalityHandler implements IQueryHandler<ReadMunicipality> {
  constructor(private readonly municipalities: MunicipalityRegister) {}

  async execute(query: ReadMunicipality): Promise<MunicipalityView> {
    const municipality = await this.municipalities.find(query.municipalityId);
    if (!municipality) throw noSuch.municipality();
    return municipality;
  }
}
