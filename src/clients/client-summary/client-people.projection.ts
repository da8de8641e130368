import type { RecordedEvent } from '../../shared/event-store';
import { defineRowProjection } from '../../shared/projections';
import { clientIdOf, decodeClientEvent } from '../domain/client.decoder';
import { CLIENT_EVENT_TYPES } from '../domain/client.events';
import { ClientPeopleRow } from './client-people.row';

export const CLIENT_PEOPLE_PROJECTION = 'clients.people';

export const clientPeopleProjection = defineRowProjection<ClientPeopleRow>({
  name: CLIENT_PEOPLE_PROJECTION,
  version: 1,
  entity: ClientPeopleRow,
  // Every event of the stream: each moves the revision, which is the person's ETag.
  eventTypes: CLIENT_EVENT_TYPES,
  keyOf: clientIdOf,
  evolve(row, recorded: RecordedEvent) {
    const event = decodeClientEvent(recorded);
    switch (event.type) {
      case 'ClientRegistered':
        return {
          clientId: event.data.clientId,
          registeredBy: event.data.registeredBy,
          registeredOn: event.data.registeredOn,
          personalData: event.data.personalData,
          address: null,
          addressFrom: null,
          erasedOn: null,
          revision: recorded.revision,
        };
      case 'ClientMoved': {
        if (!row) return undefined;
        const newer = row.addressFrom === null || event.data.effectiveDate >= row.addressFrom;
        const address = event.data.address !== null && newer && row.erasedOn === null ? event.data.address : undefined;
        return {
          ...row,
          ...(address ? { address, addressFrom: event.data.effectiveDate } : {}),
          revision: recorded.revision,
        };
      }
      case 'ClientConsentGiven':
      case 'ClientConsentWithdrawn':
        return row && { ...row, revision: recorded.revision };
      case 'ClientContactDetailsChanged':
        // The details as they are from now on; never after an erasure (its scrubbing holds).
        return (
          row && {
            ...row,
            ...(row.erasedOn === null ? { personalData: event.data.personalData } : {}),
            revision: recorded.revision,
          }
        );
      case 'ClientPersonalDataErased':
        return (
          row && {
            ...row,
            personalData: null,
            address: null,
            addressFrom: null,
            erasedOn: event.data.erasedOn,
            revision: recorded.revision,
          }
        );
    }
  },
});
