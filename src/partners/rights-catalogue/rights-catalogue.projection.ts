import { defineRowProjection } from '../../shared/projections';
import { CATALOGUE_RIGHT_EVENT_TYPES, decodeCatalogueRightEvent } from '../domain/catalogue-right.events';
import { CatalogueRightRow } from './catalogue-right.row';

export const RIGHTS_CATALOGUE_PROJECTION = 'partners.rights-catalogue';

export const rightsCatalogueProjection = defineRowProjection<CatalogueRightRow>({
  name: RIGHTS_CATALOGUE_PROJECTION,
  version: 1,
  entity: CatalogueRightRow,
  eventTypes: CATALOGUE_RIGHT_EVENT_TYPES,
  keyOf: (recorded) => decodeCatalogueRightEvent(recorded).data.rightId,
  evolve(row, recorded) {
    const event = decodeCatalogueRightEvent(recorded);
    switch (event.type) {
      case 'CatalogueRightAdded':
        return {
          rightId: event.data.rightId,
          name: event.data.name,
          lifeDomain: event.data.lifeDomain,
          level: event.data.level,
          municipalityId: event.data.municipalityId,
          retired: false,
          revision: recorded.revision,
        };
      case 'CatalogueRightChanged':
        return row && { ...row, name: event.data.name, lifeDomain: event.data.lifeDomain, revision: recorded.revision };
      case 'CatalogueRightRetired':
        return row && { ...row, retired: true, revision: recorded.revision };
    }
  },
});
