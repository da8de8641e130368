import { defineRowProjection } from '../../shared/projections';
import { decodeOrganisationEvent, ORGANISATION_EVENT_TYPES } from '../domain/organisation.events';
import { OrganisationRow } from './organisation.row';

export const ORGANISATION_DIRECTORY_PROJECTION = 'partners.organisations';

export const organisationDirectoryProjection = defineRowProjection<OrganisationRow>({
  name: ORGANISATION_DIRECTORY_PROJECTION,
  // 2: the service start deadline (docs/adr/0026).
  version: 2,
  entity: OrganisationRow,
  eventTypes: ORGANISATION_EVENT_TYPES,
  keyOf: (recorded) => decodeOrganisationEvent(recorded).data.organisationId,
  evolve(row, recorded) {
    const event = decodeOrganisationEvent(recorded);
    switch (event.type) {
      case 'OrganisationRegistered':
      case 'OrganisationChanged':
        return {
          organisationId: event.data.organisationId,
          name: event.data.name,
          type: event.data.type,
          municipalityId: event.data.municipalityId,
          services: [...event.data.services],
          responseDeadlineDays: event.data.responseDeadlineDays,
          serviceStartDeadlineDays: event.data.serviceStartDeadlineDays,
          active: row?.active ?? true,
          revision: recorded.revision,
        };
      case 'OrganisationDeactivated':
        return row && { ...row, active: false, revision: recorded.revision };
    }
  },
});
