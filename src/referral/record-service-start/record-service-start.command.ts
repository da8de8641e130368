import { ReferralStepCommand } from '../common/referral-step.command';

/** Record that the service started: the verified start impact counts as helped. */
export class RecordServiceStart extends ReferralStepCommand {}
