import { Inject, Injectable } from '@nestjs/common';
import { CommandExecutor, type CommandContext, type CommandResult } from '../../shared/commands/command-executor';
import { streamName } from '../../shared/domain/ids';
import { MunicipalityLookup } from '../common/municipality-lookup';
import { rethrowAsProblem } from '../common/problems';
import {
  type ContributionScheduleCommand,
  contributionScheduleDecider,
  type ContributionScheduleState,
} from '../domain/contribution-schedule.decider';
import { CONTRIBUTION_SCHEDULE_CATEGORY } from '../domain/contribution-schedule.events';
import { PARTNERS_DEFAULTS, type ReferenceDataDefaults } from '../reference-data/reference-data-defaults';

type WithoutSchedule<T> = T extends unknown ? Omit<T, 'scheduleId'> : never;
/** A schedule command as a use case gives it; the region's schedule is implied. */
export type ScheduleCommand =
  | WithoutSchedule<Exclude<ContributionScheduleCommand, { type: 'AddCoFundingAgreement' }>>
  | Omit<
      WithoutSchedule<Extract<ContributionScheduleCommand, { type: 'AddCoFundingAgreement' }>>,
      'municipalityRegistered'
    >;

/** Runs a command on the region's contribution schedule (one stream, so overlaps are refused with certainty). */
@Injectable()
export class ContributionScheduleHandler {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly municipalities: MunicipalityLookup,
    @Inject(PARTNERS_DEFAULTS) private readonly defaults: ReferenceDataDefaults,
  ) {}

  get scheduleId(): string {
    return this.defaults.contributionSchedule.id;
  }

  async execute(command: ScheduleCommand, context: CommandContext): Promise<CommandResult<ContributionScheduleState>> {
    const { scheduleId } = this;
    const full: ContributionScheduleCommand =
      command.type === 'AddCoFundingAgreement'
        ? {
            ...command,
            scheduleId,
            municipalityRegistered: await this.municipalities.isRegistered(command.agreement.municipalityId),
          }
        : { ...command, scheduleId };
    return this.executor
      .execute(streamName(CONTRIBUTION_SCHEDULE_CATEGORY, scheduleId), contributionScheduleDecider, full, context)
      .catch(rethrowAsProblem);
  }
}
