import type { Decider } from '../../shared/domain/decider';
import type { MunicipalityDetails, MunicipalityEvent, PopulationFigure } from './municipality.events';
import { FIRST_YEAR, isYear, LAST_YEAR } from './reference-values';
import { refuse } from '../../shared/domain/domain-error';
import { noSuch, requireName } from './rules';

export interface RegisterMunicipality {
  readonly type: 'RegisterMunicipality';
  readonly municipalityId: string;
  readonly details: MunicipalityDetails;
  /** Figures known at registration (one per year), recorded with it. */
  readonly populations: readonly PopulationFigure[];
}

export interface ChangeMunicipality {
  readonly type: 'ChangeMunicipality';
  readonly changes: Partial<MunicipalityDetails>;
}

export interface RecordPopulation {
  readonly type: 'RecordPopulation';
  readonly figure: PopulationFigure;
}

export interface CorrectPopulation {
  readonly type: 'CorrectPopulation';
  readonly figure: PopulationFigure;
}

export type MunicipalityCommand = RegisterMunicipality | ChangeMunicipality | RecordPopulation | CorrectPopulation;

export type MunicipalityState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'registered';
      readonly municipalityId: string;
      readonly details: MunicipalityDetails;
      /** The current figure per year, corrections applied. */
      readonly populations: Readonly<Record<number, PopulationFigure & { readonly corrected: boolean }>>;
    };

const NIS_CODE = /^\d{5}$/;
/** Far above any Belgian municipality; a figure beyond it is a typing error. */
export const MAX_POPULATION = 10_000_000;

/**
 * A municipality's stream: its details and its population on 1 January per year. A year's figure is recorded once;
 * a better figure is a correction, so the history shows what was used before.
 */
export const municipalityDecider: Decider<MunicipalityCommand, MunicipalityEvent, MunicipalityState> = {
  initialState: { status: 'unregistered' },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterMunicipality': {
        if (state.status !== 'unregistered') {
          refuse('MUNICIPALITY_ALREADY_REGISTERED', 'This municipality is already registered');
        }
        const { municipalityId } = command;
        const details = validDetails(command.details);
        const years = new Set<number>();
        const figures = command.populations.map((figure) => {
          const valid = validFigure(figure);
          if (years.has(valid.year)) refuse('DUPLICATE_POPULATION_YEAR', `The year ${valid.year} is given twice`);
          years.add(valid.year);
          return valid;
        });
        return [
          { type: 'MunicipalityRegistered', data: { municipalityId, ...details } },
          ...figures.map((figure) => ({
            type: 'MunicipalityPopulationRecorded' as const,
            data: { municipalityId, ...figure },
          })),
        ];
      }
      case 'ChangeMunicipality': {
        if (state.status === 'unregistered') throw noSuch.municipality();
        const changes = Object.fromEntries(
          Object.entries(command.changes).filter(([, value]) => value !== undefined),
        ) as Partial<MunicipalityDetails>;
        const details = validDetails({ ...state.details, ...changes });
        if (
          details.name === state.details.name &&
          details.nisCode === state.details.nisCode &&
          details.member === state.details.member
        ) {
          return [];
        }
        return [{ type: 'MunicipalityChanged', data: { municipalityId: state.municipalityId, ...details } }];
      }
      case 'RecordPopulation': {
        if (state.status === 'unregistered') throw noSuch.municipality();
        const figure = validFigure(command.figure);
        if (state.populations[figure.year] !== undefined) {
          refuse(
            'POPULATION_ALREADY_RECORDED',
            `The population on 1 January ${figure.year} is already recorded; correct it instead`,
          );
        }
        return [{ type: 'MunicipalityPopulationRecorded', data: { municipalityId: state.municipalityId, ...figure } }];
      }
      case 'CorrectPopulation': {
        if (state.status === 'unregistered') throw noSuch.municipality();
        const figure = validFigure(command.figure);
        const previous = state.populations[figure.year];
        if (previous === undefined) {
          refuse('POPULATION_NOT_RECORDED', `No population on 1 January ${figure.year} is recorded; record it first`);
        }
        if (
          previous.population === figure.population &&
          previous.approximate === figure.approximate &&
          previous.source === figure.source
        ) {
          return [];
        }
        return [
          {
            type: 'MunicipalityPopulationCorrected',
            data: { municipalityId: state.municipalityId, ...figure, previousPopulation: previous.population },
          },
        ];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'MunicipalityRegistered':
      case 'MunicipalityChanged': {
        const { municipalityId, ...details } = event.data;
        const populations = state.status === 'registered' ? state.populations : {};
        return { status: 'registered', municipalityId, details, populations };
      }
      case 'MunicipalityPopulationRecorded':
      case 'MunicipalityPopulationCorrected': {
        if (state.status === 'unregistered') return state;
        const { year, population, approximate, source } = event.data;
        const corrected = event.type === 'MunicipalityPopulationCorrected';
        const figure = { year, population, approximate, source, corrected };
        return { ...state, populations: { ...state.populations, [year]: figure } };
      }
    }
  },
};

function validDetails(details: MunicipalityDetails): MunicipalityDetails {
  const name = requireName(details.name, 'INVALID_MUNICIPALITY_NAME', 'A municipality name', 100);
  if (details.nisCode !== null && !NIS_CODE.test(details.nisCode)) {
    refuse('INVALID_NIS_CODE', 'A NIS code is five digits');
  }
  return { ...details, name };
}

function validFigure(figure: PopulationFigure): PopulationFigure {
  if (!isYear(figure.year)) refuse('INVALID_YEAR', `A year is from ${FIRST_YEAR} to ${LAST_YEAR}`);
  if (!Number.isInteger(figure.population) || figure.population < 0 || figure.population > MAX_POPULATION) {
    refuse('INVALID_POPULATION', `A population is a whole number from 0 to ${MAX_POPULATION}`);
  }
  const source = figure.source === null ? null : requireName(figure.source, 'INVALID_SOURCE', 'A source', 500);
  return { year: figure.year, population: figure.population, approximate: figure.approximate, source };
}
