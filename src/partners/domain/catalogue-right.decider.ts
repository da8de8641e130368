import type { Decider } from '../../shared/domain/decider';
import type { CatalogueRightDetails, CatalogueRightEvent } from './catalogue-right.events';
import type { LifeDomain } from './reference-values';
import { refuse } from '../../shared/domain/domain-error';
import { noSuch, requireName } from './rules';

export interface AddCatalogueRight {
  readonly type: 'AddCatalogueRight';
  readonly rightId: string;
  readonly details: CatalogueRightDetails;
  /** Whether `details.municipalityId`, when given, names a registered municipality (looked up by the handler). */
  readonly municipalityRegistered: boolean;
}

export interface ChangeCatalogueRight {
  readonly type: 'ChangeCatalogueRight';
  readonly changes: { readonly name?: string; readonly lifeDomain?: LifeDomain };
}

export interface RetireCatalogueRight {
  readonly type: 'RetireCatalogueRight';
}

export type CatalogueRightCommand = AddCatalogueRight | ChangeCatalogueRight | RetireCatalogueRight;

export type CatalogueRightState =
  | { readonly status: 'absent' }
  | { readonly status: 'offered' | 'retired'; readonly rightId: string; readonly details: CatalogueRightDetails };

/**
 * A right in the catalogue: a local right belongs to exactly one registered municipality; a Flemish or federal right
 * to none, since it applies in every municipality. Retiring twice writes nothing.
 */
export const catalogueRightDecider: Decider<CatalogueRightCommand, CatalogueRightEvent, CatalogueRightState> = {
  initialState: { status: 'absent' },

  decide(command, state) {
    switch (command.type) {
      case 'AddCatalogueRight': {
        if (state.status !== 'absent')
          refuse('CATALOGUE_RIGHT_ALREADY_ADDED', 'This right is already in the catalogue');
        const { details } = command;
        const name = requireName(details.name, 'INVALID_RIGHT_NAME', 'A right name');
        if (details.level === 'local' && details.municipalityId === null) {
          refuse('MUNICIPALITY_REQUIRED', 'A local right belongs to a municipality: name it');
        }
        if (details.level !== 'local' && details.municipalityId !== null) {
          refuse('MUNICIPALITY_NOT_ALLOWED', `A ${details.level} right applies in every municipality: name none`);
        }
        if (details.municipalityId !== null && !command.municipalityRegistered) {
          refuse('UNKNOWN_MUNICIPALITY', 'The municipality is not registered');
        }
        return [{ type: 'CatalogueRightAdded', data: { rightId: command.rightId, ...details, name } }];
      }
      case 'ChangeCatalogueRight': {
        if (state.status === 'absent') throw noSuch.catalogueRight();
        if (state.status === 'retired') refuse('CATALOGUE_RIGHT_RETIRED', 'A retired right cannot be changed');
        const name =
          command.changes.name === undefined
            ? state.details.name
            : requireName(command.changes.name, 'INVALID_RIGHT_NAME', 'A right name');
        const lifeDomain = command.changes.lifeDomain ?? state.details.lifeDomain;
        if (name === state.details.name && lifeDomain === state.details.lifeDomain) return [];
        return [{ type: 'CatalogueRightChanged', data: { rightId: state.rightId, name, lifeDomain } }];
      }
      case 'RetireCatalogueRight': {
        if (state.status === 'absent') throw noSuch.catalogueRight();
        if (state.status === 'retired') return [];
        return [{ type: 'CatalogueRightRetired', data: { rightId: state.rightId } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'CatalogueRightAdded': {
        const { rightId, ...details } = event.data;
        return { status: 'offered', rightId, details };
      }
      case 'CatalogueRightChanged':
        if (state.status === 'absent') return state;
        return { ...state, details: { ...state.details, name: event.data.name, lifeDomain: event.data.lifeDomain } };
      case 'CatalogueRightRetired':
        return state.status === 'absent' ? state : { ...state, status: 'retired' };
    }
  },
};
