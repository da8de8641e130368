import type { RecordedEvent } from '../../shared/event-store';
import { defineRowProjection } from '../../shared/projections';
import { decodeClientEvent } from '../domain/client.decoder';
import type { ClientEvent } from '../domain/client.events';
import { ClientConsentRow } from './client-consent.row';

export const CLIENT_CONSENTS_PROJECTION = 'clients.consents';

export const clientConsentsProjection = defineRowProjection<ClientConsentRow>({
  name: CLIENT_CONSENTS_PROJECTION,
  version: 1,
  entity: ClientConsentRow,
  eventTypes: ['ClientConsentGiven', 'ClientConsentWithdrawn'],
  keyOf: (recorded) => consentIdOf(decodeClientEvent(recorded)),
  evolve(row, recorded: RecordedEvent) {
    const event = decodeClientEvent(recorded);
    switch (event.type) {
      case 'ClientConsentGiven':
        return {
          consentId: event.data.consentId,
          clientId: event.data.clientId,
          scope: event.data.scope,
          organisationId: event.data.organisationId,
          validFrom: event.data.validFrom,
          validUntil: event.data.validUntil,
          withdrawnOn: null,
          recordedBy: event.data.recordedBy,
        };
      case 'ClientConsentWithdrawn':
        return row && { ...row, withdrawnOn: event.data.withdrawnOn };
      default:
        return row;
    }
  },
});

function consentIdOf(event: ClientEvent): string | undefined {
  return event.type === 'ClientConsentGiven' || event.type === 'ClientConsentWithdrawn'
    ? event.data.consentId
    : undefined;
}
