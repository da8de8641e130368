import type { DomainEvent } from '../../shared/domain/domain-event';
import type { OrganisationType } from './reference-values';
import {
  array,
  eventDecoder,
  integer,
  nullable,
  object,
  oneOf,
  string,
  type Upcast,
} from '../../shared/domain/event-decoding';
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
  /**
   * Days a receiving partner has from accepting a referral to the service's start (issue 19): after them an accepted
   * referral not started is overdue. `DEFAULT_SERVICE_START_DEADLINE_DAYS` when not given, and for events stored
   * before it existed (docs/adr/0026).
   */
  readonly serviceStartDeadlineDays: number;
}

/** The service start deadline an organisation has unless it is given one (docs/adr/0026). */
export const DEFAULT_SERVICE_START_DEADLINE_DAYS = 30;

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
  serviceStartDeadlineDays: integer,
});

/** Details stored before 2026-12-07 have no service start deadline: they are read with the default (ADR 0026). */
const withServiceStartDeadline =
  (type: 'OrganisationRegistered' | 'OrganisationChanged'): Upcast =>
  (data) =>
    typeof data === 'object' && data !== null && !('serviceStartDeadlineDays' in data)
      ? { type, data: { ...data, serviceStartDeadlineDays: DEFAULT_SERVICE_START_DEADLINE_DAYS } }
      : { type, data };

/** An organisation stream's stored events, checked against their shapes (docs/adr/0025-command-pipeline.md). */
export const decodeOrganisationEvent = eventDecoder<OrganisationEvent>(
  {
    OrganisationRegistered: organisationDetails,
    OrganisationChanged: organisationDetails,
    OrganisationDeactivated: object({ organisationId: string }),
  },
  {
    OrganisationRegistered: withServiceStartDeadline('OrganisationRegistered'),
    OrganisationChanged: withServiceStartDeadline('OrganisationChanged'),
  },
);
