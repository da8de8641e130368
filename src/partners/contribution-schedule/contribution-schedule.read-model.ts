import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PARTNERS_DEFAULTS, type ReferenceDataDefaults } from '../reference-data/reference-data-defaults';
import { ContributionScheduleRow } from './contribution-schedule.row';

/** The region's contribution schedule as the read model has it (eventually consistent with the events). */
@Injectable()
export class ContributionScheduleReadModel {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PARTNERS_DEFAULTS) private readonly defaults: ReferenceDataDefaults,
  ) {}

  /** Undefined before the first rate period is added. */
  async current(): Promise<ContributionScheduleRow | undefined> {
    const row = await this.dataSource
      .getRepository(ContributionScheduleRow)
      .findOneBy({ scheduleId: this.defaults.contributionSchedule.id });
    return row ?? undefined;
  }
}
