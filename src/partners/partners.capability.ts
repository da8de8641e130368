import type { Capability } from '../shared/capability';
import { PartnersContributionSchedules1764460800003 } from './contribution-schedule/contribution-schedule.migration';
import { contributionScheduleProjection } from './contribution-schedule/contribution-schedule.projection';
import { ContributionScheduleRow } from './contribution-schedule/contribution-schedule.row';
import { PartnersMunicipalities1764460800001 } from './municipality-register/municipality-register.migration';
import {
  municipalityRegisterProjection,
  populationProjection,
} from './municipality-register/municipality-register.projections';
import { MunicipalityRow, PopulationRow } from './municipality-register/municipality.row';
import { PartnersOrganisations1764460800000 } from './organisation-directory/organisation-directory.migration';
import { organisationDirectoryProjection } from './organisation-directory/organisation-directory.projection';
import { OrganisationRow } from './organisation-directory/organisation.row';
import { PartnersModule } from './partners.module';
import { CatalogueRightRow } from './rights-catalogue/catalogue-right.row';
import { PartnersCatalogueRights1764460800002 } from './rights-catalogue/rights-catalogue.migration';
import { rightsCatalogueProjection } from './rights-catalogue/rights-catalogue.projection';
import { PartnersServiceStartDeadline1796600000000 } from './organisation-directory/service-start-deadline.migration';

/** The partners capability as the composition root registers it (`src/capabilities.ts`). */
export const partnersCapability: Capability = {
  module: PartnersModule,
  migrations: [
    PartnersOrganisations1764460800000,
    PartnersMunicipalities1764460800001,
    PartnersCatalogueRights1764460800002,
    PartnersContributionSchedules1764460800003,
    PartnersServiceStartDeadline1796600000000,
  ],
  entities: [OrganisationRow, MunicipalityRow, PopulationRow, CatalogueRightRow, ContributionScheduleRow],
  projections: [
    organisationDirectoryProjection,
    municipalityRegisterProjection,
    populationProjection,
    rightsCatalogueProjection,
    contributionScheduleProjection,
  ],
};
