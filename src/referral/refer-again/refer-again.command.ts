import { ReferralStepCommand } from '../common/referral-step.command';

/** Send a declined or dropped referral again: a new referral naming this one as its previous. */
export class ReferAgain extends ReferralStepCommand {}
