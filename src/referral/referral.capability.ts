import type { Capability } from '../shared/capability';
import { ReferralModule } from './referral.module';
import { ReferralRow } from './referral-register/referral.row';
import { Referrals1764806400000 } from './referral-register/referrals.migration';
import { referralsProjection } from './referral-register/referrals.projection';
import { ReferralsServiceStartDue1796600000001 } from './referral-register/service-start-due.migration';
import { ReferralsOnConsent1765065600122 } from './consent-withdrawals/referrals-on-consent.migration';
import { referralsOnConsentProjection } from './consent-withdrawals/referrals-on-consent.projection';
import { ReferralConversationRow } from './referral-conversations/referral-conversation.row';
import { ReferralConversations1796900000000 } from './referral-conversations/referral-conversations.migration';
import { referralConversationsProjection } from './referral-conversations/referral-conversations.projection';

/** The referral capability as the composition root registers it (`src/capabilities.ts`). */
export const referralCapability: Capability = {
  module: ReferralModule,
  migrations: [
    Referrals1764806400000,
    ReferralsOnConsent1765065600122,
    ReferralsServiceStartDue1796600000001,
    ReferralConversations1796900000000,
  ],
  entities: [ReferralRow, ReferralConversationRow],
  projections: [referralsProjection, referralsOnConsentProjection, referralConversationsProjection],
};
