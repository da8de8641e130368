import type { DomainEvent } from '../../shared/domain/domain-event';
import type { OrganisationType } from './reference-values';
import { array, eventDecoder, integer, nullable, object, oneOf, string } from '../../shared/domain/event-decoding';
import { ORGANISATION_TYPES } from './reference-values';

/** What can be said about a partner organisation; no personal data (an organisation, never a contact person). */
export interface OrganisationDetails {
  readonly name: string;
  readonly type: OrganisationType;
  /** The municipality an OCMW serves, or where another partner is rooted; null for regional partners. */
  readonly municipalityId: string | null;
  /** What the organisation offers, in its own words ("debt mediation", "temporary housing"). */
  readonly services: readonly string[];
  /** Days a receiving partner has to answer a referral; null when it receives none. */
  readonly responseDeadlineDays: number | null;
}

export type OrganisationRegistered = DomainEvent<
  'OrganisationRegistered',
  OrganisationDetails & { readonly organisationId: string }
>;
/** Carries every detail after the change, so a reader needs no earlier event to know the organisation. */
export type OrganisationChanged = DomainEvent<
  'OrganisationChanged',
  OrganisationDetails & { readonly organisationId: string }
>;
/** The organisation no longer takes part: kept for history, offered no more for referrals. */
export type OrganisationDeactivated = DomainEvent<'OrganisationDeactivated', { readonly organisationId: string }>;

export type OrganisationEvent = OrganisationRegistered | OrganisationChanged | OrganisationDeactivated;

export const ORGANISATION_EVENT_TYPES = [
  'OrganisationRegistered',
  'OrganisationChanged',
  'OrganisationDeactivated',
] as const satisfies readonly OrganisationEvent['type'][];

/** Stream category: `organisation-<organisationId>`. */
export const ORGANISATION_CATEGORY = 'organisation';

const organisationDetails = object({
  organisationId: string,
  name: string,
  type: oneOf(...ORGANISATION_TYPES),
  municipalityId: nullable(string),
  services: array(string),
  responseDeadlineDays: nullable(integer),
});

/** An organisation stream's stored events, checked against their shapes (docs/adr/0025-command-pipeline.md). */
export const decodeOrganisationEvent = eventDecoder<OrganisationEvent>({
  OrganisationRegistered: organisationDetails,
  OrganisationChanged: organisationDetails,
  OrganisationDeactivated: object({ organisationId: string }),
});
