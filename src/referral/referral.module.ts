import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients';
import { IntakeModule } from '../intake';
import { PartnersModule } from '../partners';
import { PersonalDataCryptoModule } from '../shared/crypto';
import { PrivacyModule } from '../shared/privacy';
import { AcceptReferralController } from './accept-referral/accept-referral.controller';
import { IntakeTrajectories } from './common/intake-trajectories';
import { ReferralAccess } from './common/referral-access';
import { ReferralConsents } from './common/referral-consents';
import { ReferralNotes } from './common/referral-notes';
import { ReferralSender } from './common/referral-sender';
import { ReferralSteps } from './common/referral-steps';
import { ReferralStreams } from './common/referral-streams';
import { ConsentWithdrawalRevocations } from './consent-withdrawals/consent-withdrawal-revocations';
import { CompleteReferralController } from './complete-referral/complete-referral.controller';
import { CoordinationController } from './coordination/coordination.controller';
import { CoordinationFigures } from './coordination/coordination-figures';
import {
  CountReferralsByStatusHandler,
  ListOverdueReferralsHandler,
  ReadReferralFlowsHandler,
  ReadResponseTimesHandler,
} from './coordination/coordination.handler';
import { DeclineReferralController } from './decline-referral/decline-referral.controller';
import { DropReferralController } from './drop-referral/drop-referral.controller';
import { ReadReferralController } from './read-referral/read-referral.controller';
import { RecordFirstContactController } from './record-first-contact/record-first-contact.controller';
import { RecordServiceStartController } from './record-service-start/record-service-start.controller';
import { ReferAgainController } from './refer-again/refer-again.controller';
import { ReferralListsController } from './referral-lists/referral-lists.controller';
import { ReferralLists } from './referral-register/referral-lists';
import {
  ListFollowUpHandler,
  ListReceivedReferralsHandler,
  ListSentReferralsHandler,
} from './referral-lists/referral-lists.handler';
import { RevokeReferralController } from './revoke-referral/revoke-referral.controller';
import { SendReferralController } from './send-referral/send-referral.controller';
import { SendReferralHandler } from './send-referral/send-referral.handler';
import { AcceptReferralHandler } from './accept-referral/accept-referral.handler';
import { DeclineReferralHandler } from './decline-referral/decline-referral.handler';
import { RecordFirstContactHandler } from './record-first-contact/record-first-contact.handler';
import { RecordServiceStartHandler } from './record-service-start/record-service-start.handler';
import { CompleteReferralHandler } from './complete-referral/complete-referral.handler';
import { DropReferralHandler } from './drop-referral/drop-referral.handler';
import { RevokeReferralHandler } from './revoke-referral/revoke-referral.handler';
import { ReferAgainHandler } from './refer-again/refer-again.handler';
import { ReadReferralHandler } from './read-referral/read-referral.handler';
import { RevokeForWithdrawnConsentHandler } from './consent-withdrawals/revoke-for-withdrawn-consent.handler';
import { ReferralSubjectAccessSection } from './subject-access/subject-access.section';

/**
 * Referrals between partners (docs/domain.md, capability 3; issue 7): sent from an intake trajectory with the consent
 * they rest on, answered by the receiving organisation through to a verified service start, revocable; the work
 * lists of both organisations and the coordinators' region-wide views (docs/adr/0015).
 */
@Module({
  imports: [PersonalDataCryptoModule, PrivacyModule, PartnersModule, ClientsModule, IntakeModule],
  controllers: [
    // Fixed paths before `:referralId`.
    ReferralListsController,
    SendReferralController,
    ReadReferralController,
    AcceptReferralController,
    DeclineReferralController,
    RecordFirstContactController,
    RecordServiceStartController,
    CompleteReferralController,
    DropReferralController,
    RevokeReferralController,
    ReferAgainController,
    CoordinationController,
  ],
  providers: [
    ReferralStreams,
    IntakeTrajectories,
    ReferralConsents,
    ReferralNotes,
    ReferralAccess,
    ReferralSteps,
    ReferralSender,
    ReferralLists,
    CoordinationFigures,
    ReferralSubjectAccessSection,
    ConsentWithdrawalRevocations,
    // Commands
    SendReferralHandler,
    ReferAgainHandler,
    AcceptReferralHandler,
    DeclineReferralHandler,
    RecordFirstContactHandler,
    RecordServiceStartHandler,
    CompleteReferralHandler,
    DropReferralHandler,
    RevokeReferralHandler,
    RevokeForWithdrawnConsentHandler,
    // Queries
    ReadReferralHandler,
    ListReceivedReferralsHandler,
    ListSentReferralsHandler,
    ListFollowUpHandler,
    CountReferralsByStatusHandler,
    ListOverdueReferralsHandler,
    ReadReferralFlowsHandler,
    ReadResponseTimesHandler,
  ],
})
export class ReferralModule {}
