import { defineRowProjection } from '../../shared/projections';
import {
  decodeMunicipalityEvent,
  MUNICIPALITY_EVENT_TYPES,
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
  keyOf: (recorded) => decodeMunicipalityEvent(recorded).data.municipalityId,
  evolve(row, recorded) {
    const event = decodeMunicipalityEvent(recorded);
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
  keyOf: (recorded) => populationKeyOf(decodeMunicipalityEvent(recorded).data),
  evolve(_row, recorded) {
    const event = decodeMunicipalityEvent(recorded);
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

/** A population row per municipality and year; other events of the stream have none. */
function populationKeyOf(data: { readonly municipalityId: string; readonly year?: number }): string | undefined {
  return data.year === undefined ? undefined : `${data.municipalityId}:${data.year}`;
}
