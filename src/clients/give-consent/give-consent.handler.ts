import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrganisationDirectory } from '../../partners';
import { forbidden } from '../../shared/auth/access-problems';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { CommandExecutor, newResourceId } from '../../shared/commands/command-executor';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { validateRequest } from '../../shared/commands/request-validation';
import { clientNotFound } from '../common/client-access';
import { clientStream, ClientStreams } from '../common/client-streams';
import { IdentityIndex } from '../common/identity-index';
import { clientDecider, organisationMaySee } from '../domain/client.decider';
import { decodeClientEvent } from '../domain/client.decoder';
import { checkInsz } from '../domain/insz';
import { GiveConsent, type GivenConsent } from './give-consent.command';
import { consentDateProblems, GiveConsentRequest, organisationProblem } from './give-consent.request';

/**
 * Records a consent. The caller's organisation must see the person, with one exception (docs/adr/0013): an
 * organisation the person comes to after being registered elsewhere records the person's consent to share with
 * *itself*, proving the person is present with the INSZ they were registered with. The body is checked first.
 */
@CommandHandler(GiveConsent)
export class GiveConsentHandler implements ICommandHandler<GiveConsent> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly streams: ClientStreams,
    private readonly identities: IdentityIndex,
    private readonly organisations: OrganisationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, clientId, body }: GiveConsent): Promise<GivenConsent> {
    const date = today(this.clock);
    const request = await validateRequest(GiveConsentRequest, body, async (candidate, invalid) => {
      const problems = consentDateProblems(candidate, date, invalid);
      if (invalid.ok('scope') && invalid.ok('organisationId')) {
        const problem = await organisationProblem(candidate, async (id) => !!(await this.organisations.find(id)));
        if (problem) problems.push(problem);
      }
      return problems;
    });
    const organisationId = request.organisationId ?? null;
    const insz = request.insz ?? null;

    const { state } = await this.streams.load(clientId);
    if (state.status === 'unregistered') throw clientNotFound();
    if (
      !organisationMaySee(state, caller.user.organisationId, date) &&
      !(await this.selfGrant(clientId, request.scope, organisationId, insz, caller.user))
    ) {
      throw forbidden();
    }
    const consentId = newResourceId(caller.envelope, `clientConsent:${clientId}`);
    const result = await this.executor.execute(
      clientStream(clientId),
      clientDecider,
      {
        type: 'GiveConsent',
        consentId,
        scope: request.scope,
        organisationId,
        organisationKnown: true,
        validFrom: request.validFrom ?? date,
        validUntil: request.validUntil ?? null,
        recordedBy: caller.user.organisationId,
      },
      caller.envelope,
      decodeClientEvent,
    );
    const consent = result.state.status === 'unregistered' ? undefined : result.state.consents[consentId];
    if (!consent) throw new Error('The consent is missing from the state it was recorded in');
    return { consent, result };
  }

  private async selfGrant(
    clientId: string,
    scope: string,
    organisationId: string | null,
    insz: string | null,
    user: AuthenticatedUser,
  ): Promise<boolean> {
    if (scope !== 'share_with_organisation' || organisationId !== user.organisationId) return false;
    if (insz === null) return false;
    const check = checkInsz(insz);
    if (!check.valid) return false;
    return (await this.identities.holderOfInsz(check.facts.digits)) === clientId;
  }
}
