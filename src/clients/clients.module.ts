import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners';
import { PersonalDataCryptoModule } from '../shared/crypto';
import { PrivacyModule } from '../shared/privacy';
import { ClientAccessList } from './client-access/client-access-list';
import { ClientReporting } from './client-register/client-reporting';
import { ClientContacts } from './client-contacts/client-contacts';
import { ClientSummaries } from './client-summary/client-summaries';
import { ClientNames } from './client-names/client-names';
import { ClientAccess } from './common/client-access';
import { ClientPersonalData } from './common/client-personal-data';
import { ClientStreams } from './common/client-streams';
import { IdentityIndex } from './common/identity-index';
import { ErasePersonalDataController } from './erase-personal-data/erase-personal-data.controller';
import { ErasePersonalDataHandler } from './erase-personal-data/erase-personal-data.handler';
import { ErasureRewrites } from './erasure/erasure-rewrites';
import { ChangeContactDetailsController } from './change-contact-details/change-contact-details.controller';
import { ChangeContactDetailsHandler } from './change-contact-details/change-contact-details.handler';
import { FamilyNameBackfill } from './common/family-name-backfill';
import { SearchClientsController } from './search-clients/search-clients.controller';
import { SearchClientsHandler } from './search-clients/search-clients.handler';
import { FindClientsController } from './find-clients/find-clients.controller';
import { FindClientsHandler } from './find-clients/find-clients.handler';
import { GiveConsentController } from './give-consent/give-consent.controller';
import { GiveConsentHandler } from './give-consent/give-consent.handler';
import { ReadClientController } from './read-client/read-client.controller';
import { ReadClientHandler } from './read-client/read-client.handler';
import { RecordMoveController } from './record-move/record-move.controller';
import { RecordMoveHandler } from './record-move/record-move.handler';
import { RegisterClientController } from './register-client/register-client.controller';
import { RegisterClientHandler } from './register-client/register-client.handler';
import { SubjectAccessController } from './subject-access/subject-access.controller';
import { SubjectAccessHandler } from './subject-access/subject-access.handler';
import { WithdrawConsentController } from './withdraw-consent/withdraw-consent.controller';
import { WithdrawConsentHandler } from './withdraw-consent/withdraw-consent.handler';

/**
 * People, consent and erasure (docs/domain.md, capability 1; issue 5): a person registered once for the region, their
 * personal data sealed with a key of their own, consents and moves as events, erasure by destroying the key.
 * Exports the questions other capabilities ask (see `index.ts`).
 */
@Module({
  imports: [PersonalDataCryptoModule, PrivacyModule, PartnersModule],
  controllers: [
    // Fixed paths before `:clientId`, so that `/clients/lookups` is never read as an id.
    FindClientsController,
    SearchClientsController,
    RegisterClientController,
    ReadClientController,
    GiveConsentController,
    WithdrawConsentController,
    RecordMoveController,
    ChangeContactDetailsController,
    ErasePersonalDataController,
    SubjectAccessController,
  ],
  providers: [
    ClientStreams,
    ClientAccess,
    ClientPersonalData,
    IdentityIndex,
    ClientSummaries,
    ClientNames,
    ErasureRewrites,
    FamilyNameBackfill,
    ClientAccessList,
    ClientReporting,
    ClientContacts,
    // The command and query handlers (registered with the buses of @nestjs/cqrs).
    RegisterClientHandler,
    GiveConsentHandler,
    WithdrawConsentHandler,
    RecordMoveHandler,
    ChangeContactDetailsHandler,
    ErasePersonalDataHandler,
    ReadClientHandler,
    FindClientsHandler,
    SearchClientsHandler,
    SubjectAccessHandler,
  ],
  exports: [ClientAccessList, ClientReporting, ClientNames, ClientContacts],
})
export class ClientsModule {}
