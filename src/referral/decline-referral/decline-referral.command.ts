import { ReferralStepCommand } from '../common/referral-step.command';

/** Decline a referral, with a reason and perhaps a sealed explanation. */
export class DeclineReferral extends ReferralStepCommand {}
