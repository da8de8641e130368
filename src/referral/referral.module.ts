import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients';
import { IntakeModule } from '../intake';
import { PartnersModule } from '../partners';
import { PersonalDataCryptoModule } from '../shared/crypto';
import { PrivacyModule } from '../shared/privacy';
import { AcceptReferralController } from './accept-referral/accept-referral.controller';
import { AcceptReferralHandler } from './accept-referral/accept-referral.handler';
import { IntakeTrajectories } from './common/intake-trajectories';
import { ReferralAccess } from './common/referral-access';
import { ReferralConsents } from './common/referral-consents';
import { ReferralConversations } from './common/referral-conversations';
import { ReferralNotes } from './common/referral-notes';
import { ReferralSender } from './common/referral-sender';
import { ReferralSteps } from './common/referral-steps';
import { ReferralStreams } from './common/referral-streams';
import { CompleteReferralController } from './complete-referral/complete-referral.controller';
import { CompleteReferralHandler } from './complete-referral/complete-referral.handler';
import { ConsentWithdrawalRevocations } from './consent-withdrawals/consent-withdrawal-revocations';
import { RevokeForWithdrawnConsentHandler } from './consent-withdrawals/revoke-for-withdrawn-consent.handler';
import { CoordinationFigures } from './coordination/coordination-figures';
import { CoordinationReferenceData } from './coordination/coordination-reference-data';
import { CoordinationController } from './coordination/coordination.controller';
import {
  CountReferralsByStatusHandler,
  ListOverdueReferralsHandler,
  ReadReferralFlowsHandler,
  ReadResponseTimesHandler,
} from './coordination/coordination.handler';
import { DeclineReferralController } from './decline-referral/decline-referral.controller';
import { DeclineReferralHandler } from './decline-referral/decline-referral.handler';
import { DropReferralController } from './drop-referral/drop-referral.controller';
import { DropReferralHandler } from './drop-referral/drop-referral.handler';
import { ListPersonReferralsController } from './person-referrals/list-person-referrals.controller';
import { ListPersonReferralsHandler } from './person-referrals/list-person-referrals.handler';
import { ReadHandOffController } from './read-hand-off/read-hand-off.controller';
import { ReadHandOffHandler } from './read-hand-off/read-hand-off.handler';
import { MarkConversationReadHandler } from './mark-conversation-read/mark-conversation-read.handler';
import { PostReferralMessageController } from './post-referral-message/post-referral-message.controller';
import { PostReferralMessageHandler } from './post-referral-message/post-referral-message.handler';
import { ReadConversationController } from './read-conversation/read-conversation.controller';
import { ReadConversationHandler } from './read-conversation/read-conversation.handler';
import { ReadReferralController } from './read-referral/read-referral.controller';
import { ReadReferralHandler } from './read-referral/read-referral.handler';
import { RecordFirstContactController } from './record-first-contact/record-first-contact.controller';
import { RecordFirstContactHandler } from './record-first-contact/record-first-contact.handler';
import { RecordServiceStartController } from './record-service-start/record-service-start.controller';
import { RecordServiceStartHandler } from './record-service-start/record-service-start.handler';
import { ReferAgainController } from './refer-again/refer-again.controller';
import { ReferAgainHandler } from './refer-again/refer-again.handler';
import { ReferralListsController } from './referral-lists/referral-lists.controller';
import { ListFollowUpHandler, ListReferralsHandler } from './referral-lists/referral-lists.handler';
import { ReferralLists } from './referral-register/referral-lists';
import { ReferralNames } from './common/referral-names';
import { RevokeReferralController } from './revoke-referral/revoke-referral.controller';
import { RevokeReferralHandler } from './revoke-referral/revoke-referral.handler';
import { SendReferralController } from './send-referral/send-referral.controller';
import { SendReferralHandler } from './send-referral/send-referral.handler';
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
    ReadHandOffController,
    AcceptReferralController,
    DeclineReferralController,
    RecordFirstContactController,
    RecordServiceStartController,
    CompleteReferralController,
    DropReferralController,
    RevokeReferralController,
    ReferAgainController,
    CoordinationController,
    ListPersonReferralsController,
    PostReferralMessageController,
    ReadConversationController,
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
    ReferralNames,
    CoordinationFigures,
    CoordinationReferenceData,
    ReferralSubjectAccessSection,
    ConsentWithdrawalRevocations,
    ReferralConversations,
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
    PostReferralMessageHandler,
    MarkConversationReadHandler,
    // Queries
    ReadReferralHandler,
    ReadHandOffHandler,
    ListPersonReferralsHandler,
    ListReferralsHandler,
    ListFollowUpHandler,
    CountReferralsByStatusHandler,
    ListOverdueReferralsHandler,
    ReadReferralFlowsHandler,
    ReadResponseTimesHandler,
    ReadConversationHandler,
  ],
})
export class ReferralModule {}
