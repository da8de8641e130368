import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor, type CommandResult } from '../../shared/commands/command-executor';
import { referralStream } from '../common/referral-streams';
import { referralDecider, type ReferralState } from '../domain/referral.decider';
import { decodeReferralEvent } from '../domain/referral.decoder';
import { RevokeForWithdrawnConsent } from './revoke-for-withdrawn-consent.command';

@CommandHandler(RevokeForWithdrawnConsent)
export class RevokeForWithdrawnConsentHandler implements ICommandHandler<RevokeForWithdrawnConsent> {
  constructor(private readonly executor: CommandExecutor) {}

  execute(command: RevokeForWithdrawnConsent): Promise<CommandResult<ReferralState>> {
    return this.executor.execute(
      referralStream(command.referralId),
      referralDecider,
      {
        type: 'RevokeReferral',
        actorOrganisationId: command.sendingOrganisationId,
        asCoordinator: false,
        reason: 'consent_withdrawn',
        occurredOn: command.today,
        today: command.today,
      },
      command.envelope,
      decodeReferralEvent,
    );
  }
}
