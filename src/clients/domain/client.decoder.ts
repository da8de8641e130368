import { sealedPersonalData as sealed } from '../../shared/domain/sealed-personal-data';
import {
  eventDecoder,
  integer,
  nullable,
  object,
  oneOf,
  type StoredEvent,
  string,
} from '../../shared/domain/event-decoding';
import type { ClientEvent } from './client.events';
import { CONSENT_SCOPES, INCOME_SOURCES } from './client.values';

/** Reads a person's stream (`client-<clientId>`): the one way from a stored event to a `ClientEvent`. */
export const decodeClientEvent = eventDecoder<ClientEvent>({
  ClientRegistered: object({
    clientId: string,
    registeredBy: string,
    registeredOn: string,
    municipalityId: string,
    household: object({ adults: integer, children: integer }),
    mainIncomeSource: oneOf(...INCOME_SOURCES),
    birthYear: integer,
    personalData: sealed,
  }),
  ClientMoved: object({
    clientId: string,
    municipalityId: string,
    previousMunicipalityId: string,
    effectiveDate: string,
    address: nullable(sealed),
  }),
  ClientConsentGiven: object({
    clientId: string,
    consentId: string,
    scope: oneOf(...CONSENT_SCOPES),
    organisationId: nullable(string),
    validFrom: string,
    validUntil: nullable(string),
    recordedBy: string,
  }),
  ClientConsentWithdrawn: object({ clientId: string, consentId: string, withdrawnOn: string }),
  ClientPersonalDataErased: object({ clientId: string, erasedOn: string }),
  ClientContactDetailsChanged: object({ clientId: string, changedOn: string, personalData: sealed }),
});

/** The person a stored event of their stream is about (the key of most of this capability's read models). */
export const clientIdOf = (stored: StoredEvent): string => decodeClientEvent(stored).data.clientId;
