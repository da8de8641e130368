import type { DomainEvent } from '../../shared/domain/domain-event';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import type { CalendarDate } from '../../shared/domain/calendar';
import type { ConsentScope, IncomeSource } from './client.values';
import type { Household } from './personal-details';

export type { SealedPersonalData };

/**
 * A person registered in the region. In plaintext only what counting needs and identifies nobody on its own:
 * the municipality of residence, the household's size, the main income source and the birth year (age bands).
 * Names, birth date, INSZ, address and phone are in `personalData`, sealed.
 */
export type ClientRegistered = DomainEvent<
  'ClientRegistered',
  {
    readonly clientId: string;
    /** The organisation that registered the person: it works with them (docs/adr/0013). */
    readonly registeredBy: string;
    readonly registeredOn: CalendarDate;
    readonly municipalityId: string;
    readonly household: Household;
    readonly mainIncomeSource: IncomeSource;
    readonly birthYear: number;
    /** Seals `PersonalDetails` under the context `client.personalData`. */
    readonly personalData: SealedPersonalData;
  }
>;

/** The municipality of residence changed, from `effectiveDate` on; a new address, if known, sealed. */
export type ClientMoved = DomainEvent<
  'ClientMoved',
  {
    readonly clientId: string;
    readonly municipalityId: string;
    readonly previousMunicipalityId: string;
    readonly effectiveDate: CalendarDate;
    /** Seals a `PostalAddress` under the context `client.address`; null when the new address is not known. */
    readonly address: SealedPersonalData | null;
  }
>;

export type ClientConsentGiven = DomainEvent<
  'ClientConsentGiven',
  {
    readonly clientId: string;
    readonly consentId: string;
    readonly scope: ConsentScope;
    /** The organisation the person agreed to share with (`share_with_organisation` only). */
    readonly organisationId: string | null;
    readonly validFrom: CalendarDate;
    /** Inclusive; null: until withdrawn. */
    readonly validUntil: CalendarDate | null;
    /** The organisation that recorded the consent. */
    readonly recordedBy: string;
  }
>;

/** No longer valid from `withdrawnOn` (that day included). */
export type ClientConsentWithdrawn = DomainEvent<
  'ClientConsentWithdrawn',
  { readonly clientId: string; readonly consentId: string; readonly withdrawnOn: CalendarDate }
>;

/**
 * GDPR art. 17: the person's data key was destroyed, so everything sealed with it is gone; read models scrub what
 * they held. The person stays as an anonymous id in the history, in counts and in referral flows.
 */
export type ClientPersonalDataErased = DomainEvent<
  'ClientPersonalDataErased',
  { readonly clientId: string; readonly erasedOn: CalendarDate }
>;

/**
 * The person's phone or preferred language changed (docs/adr/0028): `personalData` seals the whole `PersonalDetails`
 * again, as they are from now on, under the context `client.personalData`; it replaces the registration's copy.
 */
export type ClientContactDetailsChanged = DomainEvent<
  'ClientContactDetailsChanged',
  { readonly clientId: string; readonly changedOn: CalendarDate; readonly personalData: SealedPersonalData }
>;

export type ClientEvent =
  | ClientRegistered
  | ClientMoved
  | ClientConsentGiven
  | ClientConsentWithdrawn
  | ClientPersonalDataErased
  | ClientContactDetailsChanged;

export const CLIENT_EVENT_TYPES = [
  'ClientRegistered',
  'ClientMoved',
  'ClientConsentGiven',
  'ClientConsentWithdrawn',
  'ClientPersonalDataErased',
  'ClientContactDetailsChanged',
] as const satisfies readonly ClientEvent['type'][];

/** Stream category: `client-<clientId>`. */
export const CLIENT_CATEGORY = 'client';

/** Contexts the sealed fields are bound to (a sealed address cannot be passed off as a name). */
export const PERSONAL_DATA_CONTEXT = 'client.personalData';
export const ADDRESS_CONTEXT = 'client.address';
