import { ApiProperty } from '@nestjs/swagger';
import { ReferralSummaryView } from '../referral-register/referral-summary.view';

export class PersonReferralsView {
  @ApiProperty({
    type: [ReferralSummaryView],
    description: 'Sent by your organisation, or received by it while the consent holds; oldest first.',
  })
  items!: ReferralSummaryView[];
}
