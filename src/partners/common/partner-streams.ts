import { Inject, Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandContext, type CommandResult } from '../../shared/commands/command-executor';
import type { Decider } from '../../shared/domain/decider';
import type { DomainEvent } from '../../shared/domain/domain-event';
import type { EventDecoder } from '../../shared/domain/event-decoding';
import { streamName } from '../../shared/domain/ids';
import { catalogueRightDecider } from '../domain/catalogue-right.decider';
import { CATALOGUE_RIGHT_CATEGORY, decodeCatalogueRightEvent } from '../domain/catalogue-right.events';
import {
  type ContributionScheduleCommand,
  contributionScheduleDecider,
  type ContributionScheduleState,
} from '../domain/contribution-schedule.decider';
import {
  CONTRIBUTION_SCHEDULE_CATEGORY,
  decodeContributionScheduleEvent,
} from '../domain/contribution-schedule.events';
import { municipalityDecider } from '../domain/municipality.decider';
import { decodeMunicipalityEvent, MUNICIPALITY_CATEGORY } from '../domain/municipality.events';
import { organisationDecider } from '../domain/organisation.decider';
import { decodeOrganisationEvent, ORGANISATION_CATEGORY } from '../domain/organisation.events';
import { PARTNERS_DEFAULTS, type ReferenceDataDefaults } from '../reference-data/reference-data-defaults';

type WithoutSchedule<T> = T extends unknown ? Omit<T, 'scheduleId'> : never;
/** A schedule command as a use case gives it: the region has one schedule. */
export type ScheduleCommand = WithoutSchedule<ContributionScheduleCommand>;

/**
 * The command executor bound to each partners stream type, with its decider and its decoder: the handlers name the
 * resource and the command, and nothing else.
 */
@Injectable()
export class PartnerStreams {
  readonly organisation = this.bound(ORGANISATION_CATEGORY, organisationDecider, decodeOrganisationEvent);
  readonly municipality = this.bound(MUNICIPALITY_CATEGORY, municipalityDecider, decodeMunicipalityEvent);
  readonly catalogueRight = this.bound(CATALOGUE_RIGHT_CATEGORY, catalogueRightDecider, decodeCatalogueRightEvent);
  private readonly contributionSchedule = this.bound(
    CONTRIBUTION_SCHEDULE_CATEGORY,
    contributionScheduleDecider,
    decodeContributionScheduleEvent,
  );

  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PARTNERS_DEFAULTS) private readonly defaults: ReferenceDataDefaults,
  ) {}

  /** The region's contribution schedule: one stream, so overlapping periods are refused with certainty. */
  schedule(command: ScheduleCommand, envelope: CommandContext): Promise<CommandResult<ContributionScheduleState>> {
    const scheduleId = this.defaults.contributionSchedule.id;
    const full = { ...command, scheduleId } as ContributionScheduleCommand;
    return this.contributionSchedule(scheduleId, full, envelope);
  }

  /** Runs a command on the stream of one resource of a category; the executor is read when a command runs. */
  private bound<Command, Event extends DomainEvent, State>(
    category: string,
    decider: Decider<Command, Event, State>,
    decode: EventDecoder<Event>,
  ): (id: string, command: Command, envelope: CommandContext) => Promise<CommandResult<State>> {
    return (id, command, envelope) =>
      this.executor.execute(streamName(category, id), decider, command, envelope, decode);
  }
}
