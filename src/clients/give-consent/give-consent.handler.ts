import { Inject, Injectable } from '@nestjs/common';
import { forbidden } from '../../shared/auth/access-problems';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import {
  type CommandContext,
  CommandExecutor,
  type CommandResult,
  newResourceId,
} from '../../shared/commands/command-executor';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import type { CalendarDate } from '../../shared/domain/calendar';
import { clientDecider, type ClientState, organisationMaySee } from '../domain/client.decider';
import type { ConsentScope } from '../domain/client.values';
import { checkInsz } from '../domain/insz';
import { clientStream, ClientStreams } from '../common/client-streams';
import { IdentityIndex } from '../common/identity-index';
import { clientNotFound, rethrowAsProblem } from '../common/openapi';
import { today } from '../../shared/domain/today';

export interface GiveConsentInput {
  readonly clientId: string;
  readonly scope: ConsentScope;
  readonly organisationId: string | null;
  readonly validFrom: CalendarDate;
  readonly validUntil: CalendarDate | null;
  /** Proof that the person is present, for an organisation recording consent to share with itself. */
  readonly insz: string | null;
}

/**
 * Records a consent. The caller's organisation must see the person, with one exception (docs/adr/0013): an
 * organisation the person comes to after being registered elsewhere records the person's consent to share with
 * *itself*, proving the person is present with the INSZ they were registered with.
 */
@Injectable()
export class GiveConsentHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly streams: ClientStreams,
    private readonly identities: IdentityIndex,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    input: GiveConsentInput,
    user: AuthenticatedUser,
    context: CommandContext,
  ): Promise<{ consentId: string; result: CommandResult<ClientState> }> {
    const { state } = await this.streams.load(input.clientId);
    if (state.status === 'unregistered') throw clientNotFound();
    if (!organisationMaySee(state, user.organisationId, today(this.clock)) && !(await this.selfGrant(input, user))) {
      throw forbidden();
    }
    const consentId = newResourceId(context, `clientConsent:${input.clientId}`);
    const result = await this.executor
      .execute(
        clientStream(input.clientId),
        clientDecider,
        {
          type: 'GiveConsent',
          consentId,
          scope: input.scope,
          organisationId: input.organisationId,
          organisationKnown: true,
          validFrom: input.validFrom,
          validUntil: input.validUntil,
          recordedBy: user.organisationId,
        },
        context,
      )
      .catch(rethrowAsProblem);
    return { consentId, result };
  }

  private async selfGrant(input: GiveConsentInput, user: AuthenticatedUser): Promise<boolean> {
    if (input.scope !== 'share_with_organisation' || input.organisationId !== user.organisationId) return false;
    if (input.insz === null) return false;
    const check = checkInsz(input.insz);
    if (!check.valid) return false;
    return (await this.identities.holderOfInsz(check.facts.digits)) === input.clientId;
  }
}
