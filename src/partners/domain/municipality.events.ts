import type { DomainEvent } from '../../shared/domain/domain-event';
import { boolean, eventDecoder, integer, nullable, object, string } from '../../shared/domain/event-decoding';

export interface MunicipalityDetails {
  readonly name: string;
  /** Statbel's NIS code (five digits), the key to join official statistics; null when not known. */
  readonly nisCode: string | null;
  /** Whether the municipality is a member of W13 (and so pays a contribution). */
  readonly member: boolean;
}

/** The number of inhabitants on 1 January of `year`. */
export interface PopulationFigure {
  readonly year: number;
  readonly population: number;
  /** True for an estimate that no official source backs (the W13 defaults mark theirs). */
  readonly approximate: boolean;
  /** Where the figure comes from (a publication or URL), or null. */
  readonly source: string | null;
}

export type MunicipalityRegistered = DomainEvent<
  'MunicipalityRegistered',
  MunicipalityDetails & { readonly municipalityId: string }
>;
/** Carries every detail after the change. */
export type MunicipalityChanged = DomainEvent<
  'MunicipalityChanged',
  MunicipalityDetails & { readonly municipalityId: string }
>;
export type MunicipalityPopulationRecorded = DomainEvent<
  'MunicipalityPopulationRecorded',
  PopulationFigure & { readonly municipalityId: string }
>;
/** A figure replaced by a better one; the earlier figure stays in the history. */
export type MunicipalityPopulationCorrected = DomainEvent<
  'MunicipalityPopulationCorrected',
  PopulationFigure & { readonly municipalityId: string; readonly previousPopulation: number }
>;

export type MunicipalityEvent =
  MunicipalityRegistered | MunicipalityChanged | MunicipalityPopulationRecorded | MunicipalityPopulationCorrected;

export const MUNICIPALITY_EVENT_TYPES = [
  'MunicipalityRegistered',
  'MunicipalityChanged',
] as const satisfies readonly MunicipalityEvent['type'][];

export const POPULATION_EVENT_TYPES = [
  'MunicipalityPopulationRecorded',
  'MunicipalityPopulationCorrected',
] as const satisfies readonly MunicipalityEvent['type'][];

/** Stream category: `municipality-<municipalityId>`. */
export const MUNICIPALITY_CATEGORY = 'municipality';

const municipalityDetails = object({
  municipalityId: string,
  name: string,
  nisCode: nullable(string),
  member: boolean,
});
const populationFigure = {
  municipalityId: string,
  year: integer,
  population: integer,
  approximate: boolean,
  source: nullable(string),
};

/** A municipality stream's stored events, checked against their shapes (docs/adr/0025-command-pipeline.md). */
export const decodeMunicipalityEvent = eventDecoder<MunicipalityEvent>({
  MunicipalityRegistered: municipalityDetails,
  MunicipalityChanged: municipalityDetails,
  MunicipalityPopulationRecorded: object(populationFigure),
  MunicipalityPopulationCorrected: object({ ...populationFigure, previousPopulation: integer }),
});
