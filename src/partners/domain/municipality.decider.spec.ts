import { given } from '../../shared/domain/decider-specification';
import { municipalityDecider, type RegisterMunicipality } from './municipality.decider';
import type { MunicipalityEvent, PopulationFigure } from './municipality.events';

const municipalityId = '6f1c2a1e-0000-4000-8000-0000000000aa';
const details = { name: 'Kortrijk', nisCode: '34022', member: true };
const figure = (year: number, population: number, extra: Partial<PopulationFigure> = {}): PopulationFigure => ({
  year,
  population,
  approximate: false,
  source: 'Statbel',
  ...extra,
});
const register = (populations: PopulationFigure[] = [], extra: Partial<typeof details> = {}): RegisterMunicipality => ({
  type: 'RegisterMunicipality',
  municipalityId,
  details: { ...details, ...extra },
  populations,
});
const registered: MunicipalityEvent = { type: 'MunicipalityRegistered', data: { municipalityId, ...details } };
const recorded2024: MunicipalityEvent = {
  type: 'MunicipalityPopulationRecorded',
  data: { municipalityId, ...figure(2024, 28144) },
};

describe('a municipality', () => {
  it('is registered with the populations known at registration', () => {
    expect(given(municipalityDecider).when(register([figure(2024, 28144)]))).toEqual([registered, recorded2024]);
  });

  it('is registered once', () => {
    expect(given(municipalityDecider, [registered]).refusalOf(register())).toBe('MUNICIPALITY_ALREADY_REGISTERED');
  });

  it('refuses a blank name and a NIS code that is not five digits', () => {
    expect(given(municipalityDecider).refusalOf(register([], { name: ' ' }))).toBe('INVALID_MUNICIPALITY_NAME');
    expect(given(municipalityDecider).refusalOf(register([], { nisCode: '3402' }))).toBe('INVALID_NIS_CODE');
  });

  it('refuses the same year twice at registration', () => {
    expect(given(municipalityDecider).refusalOf(register([figure(2024, 1), figure(2024, 2)]))).toBe(
      'DUPLICATE_POPULATION_YEAR',
    );
  });

  it('refuses a negative, fractional or absurd population, and an implausible year', () => {
    for (const population of [-1, 10.5, 10_000_001]) {
      expect(
        given(municipalityDecider, [registered]).refusalOf({
          type: 'RecordPopulation',
          figure: figure(2025, population),
        }),
      ).toBe('INVALID_POPULATION');
    }
    expect(given(municipalityDecider).refusalOf(register([figure(2024, -5)]))).toBe('INVALID_POPULATION');
    expect(
      given(municipalityDecider, [registered]).refusalOf({ type: 'RecordPopulation', figure: figure(1850, 10) }),
    ).toBe('INVALID_YEAR');
  });

  it('records a year once; a better figure is a correction that keeps the previous one', () => {
    const history = [registered, recorded2024];
    expect(given(municipalityDecider, history).refusalOf({ type: 'RecordPopulation', figure: figure(2024, 1) })).toBe(
      'POPULATION_ALREADY_RECORDED',
    );
    expect(
      given(municipalityDecider, history).when({ type: 'CorrectPopulation', figure: figure(2024, 28150) }),
    ).toEqual([
      {
        type: 'MunicipalityPopulationCorrected',
        data: { municipalityId, ...figure(2024, 28150), previousPopulation: 28144 },
      },
    ]);
  });

  it('corrects only a recorded year, and writes nothing when the correction changes nothing', () => {
    expect(
      given(municipalityDecider, [registered]).refusalOf({ type: 'CorrectPopulation', figure: figure(2024, 1) }),
    ).toBe('POPULATION_NOT_RECORDED');
    expect(
      given(municipalityDecider, [registered, recorded2024]).when({
        type: 'CorrectPopulation',
        figure: figure(2024, 28144),
      }),
    ).toEqual([]);
  });

  it('folds corrections into the current figure per year', () => {
    const corrected: MunicipalityEvent = {
      type: 'MunicipalityPopulationCorrected',
      data: { municipalityId, ...figure(2024, 28150, { approximate: true }), previousPopulation: 28144 },
    };
    const { state } = given(municipalityDecider, [registered, recorded2024, corrected]);
    expect(state).toMatchObject({ populations: { 2024: { population: 28150, approximate: true } } });
  });

  it('changes its details, and needs to be registered for any command but registration', () => {
    expect(
      given(municipalityDecider, [registered]).when({ type: 'ChangeMunicipality', changes: { member: false } }),
    ).toEqual([{ type: 'MunicipalityChanged', data: { municipalityId, ...details, member: false } }]);
    expect(
      given(municipalityDecider, [registered]).when({ type: 'ChangeMunicipality', changes: { name: 'Kortrijk' } }),
    ).toEqual([]);
    for (const command of [
      { type: 'ChangeMunicipality', changes: { member: false } },
      { type: 'RecordPopulation', figure: figure(2024, 1) },
      { type: 'CorrectPopulation', figure: figure(2024, 1) },
    ] as const) {
      expect(given(municipalityDecider).refusalOf(command)).toBe('MUNICIPALITY_NOT_FOUND');
    }
  });
});
