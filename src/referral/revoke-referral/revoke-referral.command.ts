import { ReferralStepCommand } from '../common/referral-step.command';

/** Revoke a referral: its sender, or a coordinator for the region. */
export class RevokeReferral extends ReferralStepCommand {}
