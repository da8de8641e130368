import type { DomainEvent } from '../../shared/domain/domain-event';
import type { LifeDomain, RightLevel } from './reference-values';
import { eventDecoder, nullable, object, oneOf, string } from '../../shared/domain/event-decoding';
import { LIFE_DOMAINS, RIGHT_LEVELS } from './reference-values';

/** An entry of the rights catalogue (as the region's rights explorer SIEN-online lists them). */
export interface CatalogueRightDetails {
  readonly name: string;
  readonly lifeDomain: LifeDomain;
  readonly level: RightLevel;
  /** The municipality a local right belongs to; null for Flemish and federal rights, which apply everywhere. */
  readonly municipalityId: string | null;
}

export type CatalogueRightAdded = DomainEvent<
  'CatalogueRightAdded',
  CatalogueRightDetails & { readonly rightId: string }
>;
/** Name and life domain after the change (level and municipality are fixed: a different scope is a new right). */
export type CatalogueRightChanged = DomainEvent<
  'CatalogueRightChanged',
  { readonly rightId: string; readonly name: string; readonly lifeDomain: LifeDomain }
>;
/** No longer offered; intakes that explored it keep referring to it. */
export type CatalogueRightRetired = DomainEvent<'CatalogueRightRetired', { readonly rightId: string }>;

export type CatalogueRightEvent = CatalogueRightAdded | CatalogueRightChanged | CatalogueRightRetired;

export const CATALOGUE_RIGHT_EVENT_TYPES = [
  'CatalogueRightAdded',
  'CatalogueRightChanged',
  'CatalogueRightRetired',
] as const satisfies readonly CatalogueRightEvent['type'][];

/** Stream category: `catalogueRight-<rightId>`. */
export const CATALOGUE_RIGHT_CATEGORY = 'catalogueRight';

/** A catalogue right's stored events, checked against their shapes (docs/adr/0025-command-pipeline.md). */
export const decodeCatalogueRightEvent = eventDecoder<CatalogueRightEvent>({
  CatalogueRightAdded: object({
    rightId: string,
    name: string,
    lifeDomain: oneOf(...LIFE_DOMAINS),
    level: oneOf(...RIGHT_LEVELS),
    municipalityId: nullable(string),
  }),
  CatalogueRightChanged: object({ rightId: string, name: string, lifeDomain: oneOf(...LIFE_DOMAINS) }),
  CatalogueRightRetired: object({ rightId: string }),
});
