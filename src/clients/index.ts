/**
 * The public surface of the clients capability: what other capabilities may import. Events (to project them), the
 * stream category, vocabularies, `decodeClientEvent` (the one way to read a person's stored events), and the services (inject them after importing `ClientsModule`):
 *
 * - `ClientAccessList` (from the person's stream, so consents count at once): `of(clientId)` reads it once and
 *   answers, as a `ClientAccess`, `status`, `maySee(organisationId, at)`, `organisationsThatMaySee(at)`,
 *   `mayShareForReferrals(at)`, `validConsentId(scope, organisationId, at)` (the consent a sharing rests on),
 *   `mayCountInReporting(at)`, `municipalityOfResidence(date)`. Ask one `ClientAccess` every question of a command.
 * - `ClientContacts.of(clientId)` (from the person's stream, opened with their key): name, phone and preferred
 *   language, for a referral's warm hand-off only (docs/adr/0028); the caller decides who may see them.
 * - `ClientReporting` (read models without personal data, eventually consistent):
 *   `countable(clientIds, date)`, `countByMunicipality(date)`.
 * - `ClientNames.visibleTo(organisationId, clientIds, date)`: the names of a page of people, for those the
 *   organisation may see (docs/adr/0027); log every person whose name is shown.
 *
 * Personal data other capabilities hold about a person (free-text notes) should be sealed with the person's key
 * (`PersonalDataKeys` of `src/shared/crypto`, subject id = client id), so that erasure reaches it too.
 */
export { ClientsModule } from './clients.module';
export { type ClientAccess, ClientAccessList, type ClientStatus } from './client-access/client-access-list';
export { ClientReporting } from './client-register/client-reporting';
export { ClientNames } from './client-names/client-names';
export { ClientNameView } from './client-names/client-name.view';
export { type ClientContact, ClientContacts } from './client-contacts/client-contacts';
/** The names before ADR 0025 (a `…Query` is now a query class), kept for the e2e tests that import them. */
export { ClientAccessList as ClientAccessQuery } from './client-access/client-access-list';
export { ClientReporting as ClientReportingQuery } from './client-register/client-reporting';
export { decodeClientEvent } from './domain/client.decoder';
export { brusselsDateOf, type CalendarDate } from '../shared/domain/calendar';
export { CONSENT_SCOPES, type ConsentScope, INCOME_SOURCES, type IncomeSource } from './domain/client.values';
export {
  CLIENT_CATEGORY,
  CLIENT_EVENT_TYPES,
  type ClientEvent,
  type ClientRegistered,
  type ClientMoved,
  type ClientConsentGiven,
  type ClientConsentWithdrawn,
  type ClientPersonalDataErased,
  type SealedPersonalData,
} from './domain/client.events';
