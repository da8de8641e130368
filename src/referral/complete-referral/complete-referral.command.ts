import { ReferralStepCommand } from '../common/referral-step.command';

/** Complete a referral whose service started, with its outcome. */
export class CompleteReferral extends ReferralStepCommand {}
