import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { MunicipalityRegister } from '../../partners';
import { CommandExecutor, type CommandResult, newResourceId } from '../../shared/commands/command-executor';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { DomainRuleViolation } from '../../shared/domain/domain-error';
import { today } from '../../shared/domain/today';
import { validateRequest } from '../../shared/commands/request-validation';
import { ClientPersonalData } from '../common/client-personal-data';
import { clientStream, ClientStreams } from '../common/client-streams';
import { IdentityIndex } from '../common/identity-index';
import { municipalityProblems } from '../common/municipality-check';
import { clientDecider, type ClientState } from '../domain/client.decider';
import { decodeClientEvent } from '../domain/client.decoder';
import { CLIENT_CATEGORY } from '../domain/client.events';
import { normalisePersonalDetails } from '../domain/personal-details';
import { RegisterClient, type RegistrationOutcome } from './register-client.command';
import { detailsOf, registrationProblems, RegisterClientRequest } from './register-client.request';

/**
 * Registers a person once for the region. With an INSZ, the INSZ's blind index is claimed first (a unique row):
 * a second registration finds the first person and stores nothing. A claim left by a registration that never
 * completed (a crash between the claim and the append) is taken over by the next registration of that INSZ.
 * Then the person's data key is made, the personal data sealed with it, and the registration appended.
 */
@CommandHandler(RegisterClient)
export class RegisterClientHandler implements ICommandHandler<RegisterClient> {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly personalData: ClientPersonalData,
    private readonly identities: IdentityIndex,
    private readonly streams: ClientStreams,
    private readonly municipalities: MunicipalityRegister,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, body }: RegisterClient): Promise<RegistrationOutcome> {
    const date = today(this.clock);
    const request = await validateRequest(RegisterClientRequest, body, async (candidate, invalid) => [
      ...registrationProblems(candidate, date).filter((problem) => invalid.ok(problem.field)),
      ...(await municipalityProblems(this.municipalities, candidate.municipalityId, invalid)),
    ]);
    const details = normalisePersonalDetails(detailsOf(request));
    const { envelope, accessLog } = caller;

    let clientId = newResourceId(envelope, CLIENT_CATEGORY);
    const { insz } = details;
    if (insz !== null) {
      const holder = await this.identities.claimInsz(insz, clientId);
      if (holder !== clientId) {
        if (await this.streams.isRegistered(holder)) return this.alreadyRegistered(caller, holder);
        clientId = holder;
      }
    }
    const duplicates = await this.identities.recordNameAndBirthDate(details, clientId);
    const key = await this.personalData.keyFor(clientId);
    await this.identities.recordFamilyName(details.familyName, clientId);
    // Named before the append, so that the write's pending entry carries the person.
    accessLog.setResourceId(clientId);
    accessLog.addPerson(clientId);
    let result: CommandResult<ClientState>;
    try {
      result = await this.executor.execute(
        clientStream(clientId),
        clientDecider,
        {
          type: 'RegisterClient',
          clientId,
          organisationId: caller.user.organisationId,
          details,
          sealedPersonalData: this.personalData.sealDetails(key, details),
          municipalityId: request.municipalityId,
          municipalityKnown: true,
          household: { adults: request.household.adults, children: request.household.children },
          mainIncomeSource: request.mainIncomeSource,
          today: date,
        },
        envelope,
        decodeClientEvent,
      );
    } catch (error) {
      // Two registrations of one INSZ raced for an unfinished claim: the other one registered the person.
      if (error instanceof DomainRuleViolation && error.code === 'CLIENT_ALREADY_REGISTERED' && insz !== null) {
        return { kind: 'already_registered', clientId };
      }
      throw error;
    }
    const possibleDuplicates = [];
    for (const candidate of duplicates) {
      // A name row whose registration never completed names nobody.
      if (await this.streams.isRegistered(candidate)) possibleDuplicates.push(candidate);
    }
    return { kind: 'registered', clientId, result, possibleDuplicates };
  }

  private alreadyRegistered({ accessLog }: RegisterClient['caller'], clientId: string): RegistrationOutcome {
    accessLog.setResourceId(clientId);
    accessLog.addPerson(clientId);
    return { kind: 'already_registered', clientId };
  }
}
