import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReferralNotes } from '../common/referral-notes';
import type { WrittenReferral } from '../common/referral-step.command';
import { ReferralSteps } from '../common/referral-steps';
import { CompleteReferralRequest } from './complete-referral.request';
import { COMPLETION_FEEDBACK_CONTEXT } from '../domain/referral.events';
import { CompleteReferral } from './complete-referral.command';

@CommandHandler(CompleteReferral)
export class CompleteReferralHandler implements ICommandHandler<CompleteReferral> {
  constructor(
    private readonly steps: ReferralSteps,
    private readonly notes: ReferralNotes,
  ) {}

  execute(command: CompleteReferral): Promise<WrittenReferral> {
    return this.steps.take(command, CompleteReferralRequest, async (request, context) => ({
      type: 'CompleteReferral',
      ...context.dated,
      outcome: request.outcome,
      // Sealed with the person's key: erasing them makes it unreadable.
      feedback: await this.notes.seal(
        context.state.sent.clientId,
        COMPLETION_FEEDBACK_CONTEXT,
        request.feedback ?? null,
      ),
    }));
  }
}
