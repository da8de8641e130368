import type { RecordedEvent } from '../../shared/event-store';
import { defineRowProjection } from '../../shared/projections';
import { clientIdOf, decodeClientEvent } from '../domain/client.decoder';
import { ClientRegisterRow } from './client-register.row';

export const CLIENT_REGISTER_PROJECTION = 'clients.register';

export const clientRegisterProjection = defineRowProjection<ClientRegisterRow>({
  name: CLIENT_REGISTER_PROJECTION,
  version: 1,
  entity: ClientRegisterRow,
  eventTypes: ['ClientRegistered', 'ClientMoved', 'ClientPersonalDataErased'],
  keyOf: clientIdOf,
  evolve(row, recorded: RecordedEvent) {
    const event = decodeClientEvent(recorded);
    switch (event.type) {
      case 'ClientRegistered':
        return {
          clientId: event.data.clientId,
          registeredBy: event.data.registeredBy,
          registeredOn: event.data.registeredOn,
          birthYear: event.data.birthYear,
          householdAdults: event.data.household.adults,
          householdChildren: event.data.household.children,
          mainIncomeSource: event.data.mainIncomeSource,
          municipalityId: event.data.municipalityId,
          municipalitySince: null,
          erased: false,
        };
      case 'ClientMoved':
        // Moves may be recorded late and out of order: the one that took effect last wins.
        if (!row || (row.municipalitySince !== null && event.data.effectiveDate < row.municipalitySince)) return row;
        return { ...row, municipalityId: event.data.municipalityId, municipalitySince: event.data.effectiveDate };
      case 'ClientPersonalDataErased':
        return row && { ...row, erased: true };
      default:
        return row;
    }
  },
});
