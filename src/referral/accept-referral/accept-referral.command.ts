import { ReferralStepCommand } from '../common/referral-step.command';

/** Accept a referral: the receiving organisation takes the person on. */
export class AcceptReferral extends ReferralStepCommand {}
