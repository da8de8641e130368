import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReferralNotes } from '../common/referral-notes';
import type { WrittenReferral } from '../common/referral-step.command';
import { ReferralSteps } from '../common/referral-steps';
import { DECLINE_EXPLANATION_CONTEXT } from '../domain/referral.events';
import { DeclineReferral } from './decline-referral.command';
import { DeclineReferralRequest } from './decline-referral.request';

@CommandHandler(DeclineReferral)
export class DeclineReferralHandler implements ICommandHandler<DeclineReferral> {
  constructor(
    private readonly steps: ReferralSteps,
    private readonly notes: ReferralNotes,
  ) {}

  execute(command: DeclineReferral): Promise<WrittenReferral> {
    return this.steps.take(command, DeclineReferralRequest, async (request, context) => ({
      type: 'DeclineReferral',
      ...context.dated,
      reason: request.reason,
      // Sealed with the person's key: erasing them makes it unreadable.
      explanation: await this.notes.seal(
        context.state.sent.clientId,
        DECLINE_EXPLANATION_CONTEXT,
        request.explanation ?? null,
      ),
    }));
  }
}
