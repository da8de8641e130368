import { defineRowProjection } from '../../shared/projections';
import { decodeOrganisationEvent, ORGANISATION_EVENT_TYPES } from '../domain/organisation.events';
import { OrganisationRow } from './organisation.row';

export const ORGANISATION_DIRECTORY_PROJECTION = 'partners.organisations';

export const organisationDirectoryProjection = defineRowProjection<OrganisationRow>({
  name: ORGANISATION_DIRECTORY_PROJECTION,
  version: 1,
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
          active: row?.active ?? true,
          revision: recorded.revision,
        };
      case 'OrganisationDeactivated':
        return row && { ...row, active: false, revision: recorded.revision };
    }
  },
});
