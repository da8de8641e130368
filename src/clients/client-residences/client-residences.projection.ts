import type { RecordedEvent } from '../../shared/event-store';
import { defineRowProjection } from '../../shared/projections';
import { decodeClientEvent } from '../domain/client.decoder';
import type { ClientEvent } from '../domain/client.events';
import { ClientResidenceRow } from './client-residence.row';

export const CLIENT_RESIDENCES_PROJECTION = 'clients.residences';

function keyOf(event: ClientEvent): string | undefined {
  if (event.type === 'ClientRegistered') return `${event.data.clientId}:registration`;
  if (event.type === 'ClientMoved') return `${event.data.clientId}:${event.data.effectiveDate}`;
  return undefined;
}

export const clientResidencesProjection = defineRowProjection<ClientResidenceRow>({
  name: CLIENT_RESIDENCES_PROJECTION,
  version: 1,
  entity: ClientResidenceRow,
  eventTypes: ['ClientRegistered', 'ClientMoved'],
  keyOf: (recorded) => keyOf(decodeClientEvent(recorded)),
  evolve(_row, recorded: RecordedEvent) {
    const event = decodeClientEvent(recorded);
    const residenceKey = keyOf(event);
    if (residenceKey === undefined) return undefined;
    if (event.type === 'ClientRegistered') {
      return {
        residenceKey,
        clientId: event.data.clientId,
        effectiveFrom: null,
        municipalityId: event.data.municipalityId,
      };
    }
    if (event.type !== 'ClientMoved') return undefined;
    return {
      residenceKey,
      clientId: event.data.clientId,
      effectiveFrom: event.data.effectiveDate,
      municipalityId: event.data.municipalityId,
    };
  },
});
