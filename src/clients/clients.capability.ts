import type { Capability } from '../shared/capability';
import { PersonalDataKekGenerations1765065600023, PersonalDataKeys1764547200000 } from '../shared/crypto';
import { ClientConsentRow } from './client-consents/client-consent.row';
import { ClientsConsents1764547200005 } from './client-consents/client-consents.migration';
import { clientConsentsProjection } from './client-consents/client-consents.projection';
import { ClientRegisterRow } from './client-register/client-register.row';
import { ClientsRegister1764547200003 } from './client-register/client-register.migration';
import { clientRegisterProjection } from './client-register/client-register.projection';
import { ClientResidenceRow } from './client-residences/client-residence.row';
import { ClientsResidences1764547200004 } from './client-residences/client-residences.migration';
import { clientResidencesProjection } from './client-residences/client-residences.projection';
import { ClientPeopleRow } from './client-summary/client-people.row';
import { ClientsPeople1764547200002 } from './client-summary/client-people.migration';
import { clientPeopleProjection } from './client-summary/client-people.projection';
import { ClientsModule } from './clients.module';
import { ClientsIdentityIndex1764547200001 } from './common/identity-index.migration';
import { ClientsFamilyNameIndex1796800000000 } from './common/family-name-index.migration';
import { clientErasuresProjection } from './erasure/erasure.projection';
import { ClientsErasureRewrites1765065600222 } from './erasure/erasure-rewrites.migration';

/** The clients capability as the composition root registers it (`src/capabilities.ts`). */
export const clientsCapability: Capability = {
  module: ClientsModule,
  migrations: [
    // The key table of src/shared/crypto: registered here, by its first user (docs/adr/0012).
    PersonalDataKeys1764547200000,
    ClientsIdentityIndex1764547200001,
    ClientsPeople1764547200002,
    ClientsRegister1764547200003,
    ClientsResidences1764547200004,
    ClientsConsents1764547200005,
    PersonalDataKekGenerations1765065600023,
    ClientsErasureRewrites1765065600222,
    ClientsFamilyNameIndex1796800000000,
  ],
  entities: [ClientPeopleRow, ClientRegisterRow, ClientResidenceRow, ClientConsentRow],
  projections: [
    clientPeopleProjection,
    clientRegisterProjection,
    clientResidencesProjection,
    clientConsentsProjection,
    clientErasuresProjection,
  ],
};
