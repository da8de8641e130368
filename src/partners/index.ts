/**
 * The public surface of the partners capability: what other capabilities may import. Events (to project them),
 * their decoders, stream categories, the reference vocabularies, and the read models (inject them after importing
 * `PartnersModule`):
 *
 * - `OrganisationDirectory.namesOf(ids)`, `RightsCatalogue.namesOf(ids)`, `MunicipalityRegister.namesOf(ids)`: names
 *   beside ids, a page at a time.
 * - `OrganisationDirectory.find(organisationId)`: a referral's receiving organisation, its type, municipality,
 *   `responseDeadlineDays` (null: it receives no referrals), `serviceStartDeadlineDays`, and whether it is `active`.
 * - `RegisteredOrganisations`: the organisations a token may name, which the composition root binds for the guard.
 * - `MunicipalityRegister.populationsIn(year)` / `.find(municipalityId)`: population on 1 January per year (reach per
 *   1,000 inhabitants), with `approximate` marking estimates; `.namesOf(ids)`: names beside ids.
 * - `RightsCatalogue.find(rightId)` / `.appliesIn(rightId, municipalityId)`: the rights an intake explores.
 *
 * The read models are eventually consistent with the events.
 */
export { PartnersModule } from './partners.module';
export { OrganisationDirectory, type OrganisationFilter } from './organisation-directory/organisation-directory';
export { OrganisationView } from './organisation-directory/organisation.view';
export { RegisteredOrganisations } from './organisation-directory/registered-organisations';
export {
  MunicipalityRegister,
  type MunicipalityFilter,
  type MunicipalityPopulation,
} from './municipality-register/municipality-register';
export { MunicipalityView, PopulationView } from './municipality-register/municipality.view';
export { RightsCatalogue, type CatalogueRightFilter } from './rights-catalogue/rights-catalogue';
export { CatalogueRightView } from './rights-catalogue/catalogue-right.view';
export type { Page } from '../shared/http/pagination';

export { ORGANISATION_TYPES, type OrganisationType, RIGHT_LEVELS, type RightLevel } from './domain/reference-values';
export {
  ORGANISATION_CATEGORY,
  ORGANISATION_EVENT_TYPES,
  type OrganisationDetails,
  type OrganisationEvent,
  type OrganisationRegistered,
  type OrganisationChanged,
  type OrganisationDeactivated,
  decodeOrganisationEvent,
} from './domain/organisation.events';
export {
  MUNICIPALITY_CATEGORY,
  MUNICIPALITY_EVENT_TYPES,
  POPULATION_EVENT_TYPES,
  type MunicipalityDetails,
  type PopulationFigure,
  type MunicipalityEvent,
  type MunicipalityRegistered,
  type MunicipalityChanged,
  type MunicipalityPopulationRecorded,
  type MunicipalityPopulationCorrected,
  decodeMunicipalityEvent,
} from './domain/municipality.events';
export {
  CATALOGUE_RIGHT_CATEGORY,
  CATALOGUE_RIGHT_EVENT_TYPES,
  type CatalogueRightDetails,
  type CatalogueRightEvent,
  type CatalogueRightAdded,
  type CatalogueRightChanged,
  type CatalogueRightRetired,
  decodeCatalogueRightEvent,
} from './domain/catalogue-right.events';
export {
  CONTRIBUTION_SCHEDULE_CATEGORY,
  CONTRIBUTION_SCHEDULE_EVENT_TYPES,
  type ContributionScheduleEvent,
  type RatePeriod,
  type CoFundingAgreement,
  decodeContributionScheduleEvent,
} from './domain/contribution-schedule.events';
