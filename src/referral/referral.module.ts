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
import { ReferralSteps } from './common/referral-steps';
import { ReferralStreams } from './common/referral-streams';
import { SentReferrals } from './common/sent-referrals';
import { ConsentWithdrawalRevocations } from './consent-withdrawals/consent-withdrawal-revocations';
import { CompleteReferralController } from './complete-referral/complete-referral.controller';
import { CoordinationController } from './coordination/coordination.controller';
import { CoordinationQuery } from './coordination/coordination.query';
import { DeclineReferralController } from './decline-referral/decline-referral.controller';
import { DropReferralController } from './drop-referral/drop-referral.controller';
import { ReadReferralController } from './read-referral/read-referral.controller';
import { RecordFirstContactController } from './record-first-contact/record-first-contact.controller';
import { RecordServiceStartController } from './record-service-start/record-service-start.controller';
import { ReferAgainController } from './refer-again/refer-again.controller';
import { ReferralListsController } from './referral-lists/referral-lists.controller';
import { ReferralListsQuery } from './referral-register/referral-lists.query';
import { RevokeReferralController } from './revoke-referral/revoke-referral.controller';
import { SendReferralController } from './send-referral/send-referral.controller';
import { SendReferralHandler } from './send-referral/send-referral.handler';
import { ReferralSubjectAccessSection } from './subject-access/subject-access.section';

/**
 * Referrals between partners (DOMAIN.md, capability 3; issue 7): sent from an intake trajectory with the consent
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
    SendReferralHandler,
    ConsentWithdrawalRevocations,
    SentReferrals,
    ReferralListsQuery,
    CoordinationQuery,
    ReferralSubjectAccessSection,
  ],
})
export class ReferralModule {}
