import { Inject, Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandContext, type CommandResult } from '../../shared/commands/command-executor';
import { streamName } from '../../shared/domain/ids';
import {
  catalogueRightDecider,
  type CatalogueRightCommand,
  type CatalogueRightState,
} from '../domain/catalogue-right.decider';
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
import { municipalityDecider, type MunicipalityCommand, type MunicipalityState } from '../domain/municipality.decider';
import { decodeMunicipalityEvent, MUNICIPALITY_CATEGORY } from '../domain/municipality.events';
import { organisationDecider, type OrganisationCommand, type OrganisationState } from '../domain/organisation.decider';
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
  constructor(
    private readonly executor: CommandExecutor,
    @Inject(PARTNERS_DEFAULTS) private readonly defaults: ReferenceDataDefaults,
  ) {}

  organisation(
    organisationId: string,
    command: OrganisationCommand,
    envelope: CommandContext,
  ): Promise<CommandResult<OrganisationState>> {
    const stream = streamName(ORGANISATION_CATEGORY, organisationId);
    return this.executor.execute(stream, organisationDecider, command, envelope, decodeOrganisationEvent);
  }

  municipality(
    municipalityId: string,
    command: MunicipalityCommand,
    envelope: CommandContext,
  ): Promise<CommandResult<MunicipalityState>> {
    const stream = streamName(MUNICIPALITY_CATEGORY, municipalityId);
    return this.executor.execute(stream, municipalityDecider, command, envelope, decodeMunicipalityEvent);
  }

  catalogueRight(
    rightId: string,
    command: CatalogueRightCommand,
    envelope: CommandContext,
  ): Promise<CommandResult<CatalogueRightState>> {
    const stream = streamName(CATALOGUE_RIGHT_CATEGORY, rightId);
    return this.executor.execute(stream, catalogueRightDecider, command, envelope, decodeCatalogueRightEvent);
  }

  /** The region's contribution schedule: one stream, so overlapping periods are refused with certainty. */
  schedule(command: ScheduleCommand, envelope: CommandContext): Promise<CommandResult<ContributionScheduleState>> {
    const scheduleId = this.defaults.contributionSchedule.id;
    const full = { ...command, scheduleId } as ContributionScheduleCommand;
    const stream = streamName(CONTRIBUTION_SCHEDULE_CATEGORY, scheduleId);
    return this.executor.execute(stream, contributionScheduleDecider, full, envelope, decodeContributionScheduleEvent);
  }
}
