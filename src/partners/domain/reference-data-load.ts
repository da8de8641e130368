import type { Decider } from '../../shared/domain/decider';
import type { DomainEvent } from '../../shared/domain/domain-event';
import { eventDecoder, integer, object, string } from '../../shared/domain/event-decoding';

/**
 * The record that a version of a defaults data set (the W13 defaults) was loaded. Its stream tells a starting
 * service whether there is anything to load: the defaults are loaded once, then changed by administrators only.
 */
export type ReferenceDataDefaultsLoaded = DomainEvent<
  'ReferenceDataDefaultsLoaded',
  {
    readonly dataset: string;
    readonly version: number;
    readonly municipalities: number;
    readonly organisations: number;
    readonly rights: number;
    readonly ratePeriods: number;
  }
>;

export interface RecordDefaultsLoaded {
  readonly type: 'RecordDefaultsLoaded';
  readonly loaded: ReferenceDataDefaultsLoaded['data'];
}

export interface ReferenceDataLoadState {
  /** The highest version loaded, 0 before any. */
  readonly loadedVersion: number;
}

/** Stream category: `referenceDataLoad-<id derived from the data set's name>`. */
export const REFERENCE_DATA_LOAD_CATEGORY = 'referenceDataLoad';

export const referenceDataLoadDecider: Decider<
  RecordDefaultsLoaded,
  ReferenceDataDefaultsLoaded,
  ReferenceDataLoadState
> = {
  initialState: { loadedVersion: 0 },
  // Loading a version again (another replica got there first) is nothing new.
  decide: (command, state) =>
    command.loaded.version <= state.loadedVersion
      ? []
      : [{ type: 'ReferenceDataDefaultsLoaded', data: command.loaded }],
  evolve: (state, event) => ({ loadedVersion: Math.max(state.loadedVersion, event.data.version) }),
};

/** The load record's stored events, checked against their shape (docs/adr/0025-command-pipeline.md). */
export const decodeReferenceDataLoadEvent = eventDecoder<ReferenceDataDefaultsLoaded>({
  ReferenceDataDefaultsLoaded: object({
    dataset: string,
    version: integer,
    municipalities: integer,
    organisations: integer,
    rights: integer,
    ratePeriods: integer,
  }),
});
