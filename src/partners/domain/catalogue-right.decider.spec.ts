import { type AddCatalogueRight, catalogueRightDecider } from './catalogue-right.decider';
import type { CatalogueRightDetails, CatalogueRightEvent } from './catalogue-right.events';
import { given } from '../../shared/domain/decider-specification';

const rightId = '6f1c2a1e-0000-4000-8000-000000000101';
const menen = '6f1c2a1e-0000-4000-8000-0000000000bb';
const remi: CatalogueRightDetails = {
  name: 'Aanvullende financiële steun op basis van REMI',
  lifeDomain: 'finances',
  level: 'local',
  municipalityId: menen,
};
const add = (details: Partial<CatalogueRightDetails> = {}, municipalityRegistered = true): AddCatalogueRight => ({
  type: 'AddCatalogueRight',
  rightId,
  details: { ...remi, ...details },
  municipalityRegistered,
});
const added: CatalogueRightEvent = { type: 'CatalogueRightAdded', data: { rightId, ...remi } };
const retired: CatalogueRightEvent = { type: 'CatalogueRightRetired', data: { rightId } };

describe('a right in the catalogue', () => {
  it('is added once', () => {
    expect(given(catalogueRightDecider).when(add())).toEqual([added]);
    expect(given(catalogueRightDecider, [added]).refusalOf(add())).toBe('CATALOGUE_RIGHT_ALREADY_ADDED');
  });

  it('belongs to one registered municipality when it is local', () => {
    expect(given(catalogueRightDecider).refusalOf(add({ municipalityId: null }))).toBe('MUNICIPALITY_REQUIRED');
    expect(given(catalogueRightDecider).refusalOf(add({}, false))).toBe('UNKNOWN_MUNICIPALITY');
  });

  it('applies everywhere, naming no municipality, when it is Flemish or federal', () => {
    expect(given(catalogueRightDecider).refusalOf(add({ level: 'federal' }))).toBe('MUNICIPALITY_NOT_ALLOWED');
    expect(given(catalogueRightDecider).refusalOf(add({ level: 'flemish' }))).toBe('MUNICIPALITY_NOT_ALLOWED');
    expect(given(catalogueRightDecider).when(add({ level: 'federal', municipalityId: null }, false))).toHaveLength(1);
  });

  it('refuses a blank name', () => {
    expect(given(catalogueRightDecider).refusalOf(add({ name: '' }))).toBe('INVALID_RIGHT_NAME');
  });

  it('changes its name or life domain; a change that changes nothing writes nothing', () => {
    expect(
      given(catalogueRightDecider, [added]).when({ type: 'ChangeCatalogueRight', changes: { lifeDomain: 'debts' } }),
    ).toEqual([{ type: 'CatalogueRightChanged', data: { rightId, name: remi.name, lifeDomain: 'debts' } }]);
    expect(
      given(catalogueRightDecider, [added]).when({ type: 'ChangeCatalogueRight', changes: { name: remi.name } }),
    ).toEqual([]);
  });

  it('is retired once and then cannot be changed', () => {
    expect(given(catalogueRightDecider, [added]).when({ type: 'RetireCatalogueRight' })).toEqual([retired]);
    expect(given(catalogueRightDecider, [added, retired]).when({ type: 'RetireCatalogueRight' })).toEqual([]);
    expect(
      given(catalogueRightDecider, [added, retired]).refusalOf({
        type: 'ChangeCatalogueRight',
        changes: { name: 'x' },
      }),
    ).toBe('CATALOGUE_RIGHT_RETIRED');
  });

  it('must be in the catalogue to be changed or retired', () => {
    expect(given(catalogueRightDecider).refusalOf({ type: 'RetireCatalogueRight' })).toBe('CATALOGUE_RIGHT_NOT_FOUND');
    expect(given(catalogueRightDecider).refusalOf({ type: 'ChangeCatalogueRight', changes: {} })).toBe(
      'CATALOGUE_RIGHT_NOT_FOUND',
    );
  });
});
