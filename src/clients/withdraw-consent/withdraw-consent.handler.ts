import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '../../shared/commands/command-executor';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { validateRequest } from '../../shared/commands/request-validation';
import { ClientAccess } from '../common/client-access';
import { clientStream } from '../common/client-streams';
import { clientDecider } from '../domain/client.decider';
import { decodeClientEvent } from '../domain/client.decoder';
import type { GivenConsent } from '../give-consent/give-consent.command';
import { WithdrawConsent } from './withdraw-consent.command';
import { WithdrawConsentRequest, withdrawalProblems } from './withdraw-consent.request';

/** Records a withdrawal, for a caller whose organisation sees the person. The body is checked first. */
@CommandHandler(WithdrawConsent)
export class WithdrawConsentHandler implements ICommandHandler<WithdrawConsent> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly access: ClientAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, clientId, consentId, body }: WithdrawConsent): Promise<GivenConsent> {
    const date = today(this.clock);
    const request = await validateRequest(WithdrawConsentRequest, body ?? {}, (candidate, invalid) =>
      withdrawalProblems(candidate, date, invalid),
    );
    await this.access.visibleEvenIfErased(caller.user, clientId);
    const result = await this.executor.execute(
      clientStream(clientId),
      clientDecider,
      { type: 'WithdrawConsent', consentId, withdrawnOn: request.withdrawnOn ?? date, today: date },
      caller.envelope,
      decodeClientEvent,
    );
    const consent = result.state.status === 'unregistered' ? undefined : result.state.consents[consentId];
    if (!consent) throw new Error('The consent is missing from the state it was withdrawn in');
    return { consent, result };
  }
}
