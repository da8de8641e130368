import { ReferralStepCommand } from '../common/referral-step.command';

/** Record that an accepted referral dropped, by the person or the service. */
export class DropReferral extends ReferralStepCommand {}
