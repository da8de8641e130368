import { UndecodableEvent } from '../../shared/domain/event-decoding';
import { decodeCatalogueRightEvent } from './catalogue-right.events';
import { decodeContributionScheduleEvent } from './contribution-schedule.events';
import { decodeMunicipalityEvent } from './municipality.events';
import { decodeOrganisationEvent, DEFAULT_SERVICE_START_DEADLINE_DAYS } from './organisation.events';
import { decodeReferenceDataLoadEvent } from './reference-data-load';

const id = '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5';

/** Each decoder with one stored event of its stream that it must read as it is. */
const cases = [
  {
    stream: `organisation-${id}`,
    decode: decodeOrganisationEvent,
    type: 'OrganisationRegistered',
    data: {
      organisationId: id,
      name: 'OCMW Kortrijk',
      type: 'ocmw',
      municipalityId: id,
      services: ['integrated broad intake'],
      responseDeadlineDays: 10,
      serviceStartDeadlineDays: 21,
    },
    field: 'services',
  },
  {
    stream: `municipality-${id}`,
    decode: decodeMunicipalityEvent,
    type: 'MunicipalityPopulationCorrected',
    data: {
      municipalityId: id,
      year: 2024,
      population: 79_000,
      approximate: false,
      source: null,
      previousPopulation: 78_900,
    },
    field: 'previousPopulation',
  },
  {
    stream: `catalogueRight-${id}`,
    decode: decodeCatalogueRightEvent,
    type: 'CatalogueRightAdded',
    data: { rightId: id, name: 'Huurpremie', lifeDomain: 'housing', level: 'flemish', municipalityId: null },
    field: 'level',
  },
  {
    stream: `contributionSchedule-${id}`,
    decode: decodeContributionScheduleEvent,
    type: 'ContributionRatePeriodAdded',
    data: {
      scheduleId: id,
      ratePeriodId: id,
      rateCentsPerInhabitant: 120,
      firstWorkingYear: 2024,
      lastWorkingYear: null,
      basis: 'statutes',
    },
    field: 'rateCentsPerInhabitant',
  },
  {
    stream: `referenceDataLoad-${id}`,
    decode: decodeReferenceDataLoadEvent,
    type: 'ReferenceDataDefaultsLoaded',
    data: { dataset: 'w13', version: 1, municipalities: 5, organisations: 7, rights: 12, ratePeriods: 2 },
    field: 'version',
  },
] as const;

describe.each(cases)('the decoder of $type', ({ stream, decode, type, data, field }) => {
  const stored = (overrides: { type?: string; data?: unknown } = {}) => ({
    streamId: stream,
    revision: 3n,
    type: overrides.type ?? type,
    data: overrides.data ?? data,
  });

  it('reads a stored event of the current shape as it is', () => {
    expect(decode(stored())).toEqual({ type, data });
  });

  it('refuses an event without a field, naming stream, revision, type and field', () => {
    const { [field]: _left, ...without } = data as Record<string, unknown>;
    const error = thrownBy(() => decode(stored({ data: without })));
    expect(error).toBeInstanceOf(UndecodableEvent);
    expect(error).toMatchObject({ streamId: stream, revision: 3n, eventType: type });
    expect(error.message).toMatch(new RegExp(`${type} at revision 3 of stream ${stream}.*data\\.${field}`));
  });

  it('names no value of the event in its refusal', () => {
    const error = thrownBy(() => decode(stored({ data: { ...data, [field]: 'Marie Peeters' } })));
    expect(error).toBeInstanceOf(UndecodableEvent);
    expect(error.message).toContain(`data.${field}`);
    expect(error.message).not.toContain('Marie Peeters');
  });

  it('refuses a type that is no event of its stream', () => {
    expect(() => decode(stored({ type: 'SomethingElseHappened' }))).toThrow(/not an event of this stream/);
  });
});

function thrownBy(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the decoder to refuse the event');
}

describe('an organisation event stored before the service start deadline existed', () => {
  it('is read with the default deadline; a stored one is kept', () => {
    const data = {
      organisationId: id,
      name: 'CAW',
      type: 'caw',
      municipalityId: null,
      services: [],
      responseDeadlineDays: 14,
    };
    for (const type of ['OrganisationRegistered', 'OrganisationChanged'] as const) {
      const stored = { streamId: `organisation-${id}`, revision: 0n, type, data };
      expect(decodeOrganisationEvent(stored)).toEqual({
        type,
        data: { ...data, serviceStartDeadlineDays: DEFAULT_SERVICE_START_DEADLINE_DAYS },
      });
      const withDeadline = { ...stored, data: { ...data, serviceStartDeadlineDays: 7 } };
      expect(decodeOrganisationEvent(withDeadline).data).toMatchObject({ serviceStartDeadlineDays: 7 });
    }
  });
});
