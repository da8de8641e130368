import { given } from '../../shared/domain/decider-specification';
import { type ReferenceDataDefaultsLoaded, referenceDataLoadDecider } from './reference-data-load';

const loaded = (version: number): ReferenceDataDefaultsLoaded['data'] => ({
  dataset: 'w13-defaults',
  version,
  municipalities: 14,
  organisations: 24,
  rights: 11,
  ratePeriods: 3,
});

describe('the record of loaded defaults', () => {
  it('records a version once: a replica that loads it again adds nothing', () => {
    const first = given(referenceDataLoadDecider).when({ type: 'RecordDefaultsLoaded', loaded: loaded(1) });
    expect(first).toEqual([{ type: 'ReferenceDataDefaultsLoaded', data: loaded(1) }]);
    expect(given(referenceDataLoadDecider, first).when({ type: 'RecordDefaultsLoaded', loaded: loaded(1) })).toEqual(
      [],
    );
  });

  it('records a newer version, never an older one', () => {
    const history = [{ type: 'ReferenceDataDefaultsLoaded' as const, data: loaded(2) }];
    expect(given(referenceDataLoadDecider, history).when({ type: 'RecordDefaultsLoaded', loaded: loaded(1) })).toEqual(
      [],
    );
    expect(
      given(referenceDataLoadDecider, history).when({ type: 'RecordDefaultsLoaded', loaded: loaded(3) }),
    ).toHaveLength(1);
    expect(given(referenceDataLoadDecider, history).state).toEqual({ loadedVersion: 2 });
  });
});
