import type { RecordedEvent } from '../../shared/event-store';
import { defineRowProjection } from '../../shared/projections';
import {
  MUNICIPALITY_EVENT_TYPES,
  type MunicipalityEvent,
  POPULATION_EVENT_TYPES,
} from '../domain/municipality.events';
import { MunicipalityRow, PopulationRow } from './municipality.row';

export const MUNICIPALITY_REGISTER_PROJECTION = 'partners.municipalities';
export const POPULATION_PROJECTION = 'partners.populations';

export const municipalityRegisterProjection = defineRowProjection<MunicipalityRow>({
  name: MUNICIPALITY_REGISTER_PROJECTION,
  version: 1,
  entity: MunicipalityRow,
  // Population events too: they move the stream revision, which is the municipality's ETag.
  eventTypes: [...MUNICIPALITY_EVENT_TYPES, ...POPULATION_EVENT_TYPES],
  keyOf: (event) => (event.data as { municipalityId: string }).municipalityId,
  evolve(row, recorded: RecordedEvent) {
    const event = recorded as unknown as MunicipalityEvent;
    switch (event.type) {
      case 'MunicipalityRegistered':
      case 'MunicipalityChanged':
        return {
          municipalityId: event.data.municipalityId,
          name: event.data.name,
          nisCode: event.data.nisCode,
          member: event.data.member,
          revision: recorded.revision,
        };
      case 'MunicipalityPopulationRecorded':
      case 'MunicipalityPopulationCorrected':
        return row && { ...row, revision: recorded.revision };
    }
  },
});

export const populationProjection = defineRowProjection<PopulationRow>({
  name: POPULATION_PROJECTION,
  version: 1,
  entity: PopulationRow,
  eventTypes: POPULATION_EVENT_TYPES,
  keyOf: (event) => {
    const data = event.data as { municipalityId: string; year: number };
    return `${data.municipalityId}:${data.year}`;
  },
  evolve(_row, recorded: RecordedEvent) {
    const event = recorded as unknown as MunicipalityEvent;
    if (event.type !== 'MunicipalityPopulationRecorded' && event.type !== 'MunicipalityPopulationCorrected') {
      return undefined;
    }
    const { municipalityId, year, population, approximate, source } = event.data;
    return {
      populationKey: `${municipalityId}:${year}`,
      municipalityId,
      year,
      population,
      approximate,
      source,
      corrected: event.type === 'MunicipalityPopulationCorrected',
    };
  },
});
