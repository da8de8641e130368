import { ReferralStepCommand } from '../common/referral-step.command';

/** Record the receiving organisation's first contact with the person. */
export class RecordFirstContact extends ReferralStepCommand {}
