import { Injectable } from '@nestjs/common';
import {
  type CommandContext,
  CommandExecutor,
  type CommandResult,
  newResourceId,
} from '../../shared/commands/command-executor';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import { DomainRuleViolation } from '../../shared/domain/domain-error';
import type { CalendarDate } from '../../shared/domain/calendar';
import { clientDecider, type ClientState } from '../domain/client.decider';
import { CLIENT_CATEGORY } from '../domain/client.events';
import type { IncomeSource } from '../domain/client.values';
import type { Household, PersonalDetails } from '../domain/personal-details';
import { ClientPersonalData } from '../common/client-personal-data';
import { clientStream, ClientStreams } from '../common/client-streams';
import { IdentityIndex } from '../common/identity-index';
import { rethrowAsProblem } from '../common/openapi';

export interface RegisterClientInput {
  /** Already normalised and valid (the request was validated). */
  readonly details: PersonalDetails;
  readonly municipalityId: string;
  readonly household: Household;
  readonly mainIncomeSource: IncomeSource;
  readonly today: CalendarDate;
}

export type RegistrationOutcome =
  | {
      readonly kind: 'registered';
      readonly clientId: string;
      readonly result: CommandResult<ClientState>;
      /** Other people with the same name and birth date: possibly the same person registered twice. */
      readonly possibleDuplicates: readonly string[];
    }
  /** The INSZ is registered already: the person's id only, nothing the caller's organisation may not see. */
  | { readonly kind: 'already_registered'; readonly clientId: string };

/**
 * Registers a person once for the region. With an INSZ, the INSZ's blind index is claimed first (a unique row):
 * a second registration finds the first person and stores nothing. A claim left by a registration that never
 * completed (a crash between the claim and the append) is taken over by the next registration of that INSZ.
 * Then the person's data key is made, the personal data sealed with it, and the registration appended.
 */
@Injectable()
export class RegisterClientHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly personalData: ClientPersonalData,
    private readonly identities: IdentityIndex,
    private readonly streams: ClientStreams,
  ) {}

  /** `accessLog`: named the person before the append, so that the write's pending entry carries them. */
  async execute(
    input: RegisterClientInput,
    context: CommandContext,
    accessLog?: PendingAccessLogEntry,
  ): Promise<RegistrationOutcome> {
    let clientId = newResourceId(context, CLIENT_CATEGORY);
    const { insz } = input.details;
    if (insz !== null) {
      const holder = await this.identities.claimInsz(insz, clientId);
      if (holder !== clientId) {
        if (await this.streams.isRegistered(holder)) return { kind: 'already_registered', clientId: holder };
        clientId = holder;
      }
    }
    const duplicates = await this.identities.recordNameAndBirthDate(input.details, clientId);
    const key = await this.personalData.keyFor(clientId);
    let result: CommandResult<ClientState>;
    try {
      accessLog?.setResourceId(clientId);
      accessLog?.addPerson(clientId);
      result = await this.executor.execute(
        clientStream(clientId),
        clientDecider,
        {
          type: 'RegisterClient',
          clientId,
          organisationId: context.user.organisationId,
          details: input.details,
          sealedPersonalData: this.personalData.sealDetails(key, input.details),
          municipalityId: input.municipalityId,
          municipalityKnown: true,
          household: input.household,
          mainIncomeSource: input.mainIncomeSource,
          today: input.today,
        },
        context,
      );
    } catch (error) {
      // Two registrations of one INSZ raced for an unfinished claim: the other one registered the person.
      if (error instanceof DomainRuleViolation && error.code === 'CLIENT_ALREADY_REGISTERED' && insz !== null) {
        return { kind: 'already_registered', clientId };
      }
      return rethrowAsProblem(error);
    }
    const possibleDuplicates = [];
    for (const candidate of duplicates) {
      // A name row whose registration never completed names nobody.
      if (await this.streams.isRegistered(candidate)) possibleDuplicates.push(candidate);
    }
    return { kind: 'registered', clientId, result, possibleDuplicates };
  }
}
