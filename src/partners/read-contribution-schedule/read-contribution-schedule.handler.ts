import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ContributionScheduleReadModel } from '../contribution-schedule/contribution-schedule.read-model';
import { type ContributionScheduleView, toScheduleView } from '../contribution-schedule/contribution-schedule.view';
import { ReadContributionSchedule } from './read-contribution-schedule.query';

@QueryHandler(ReadContributionSchedule)
export class ReadContributionScheduleHandler implements IQueryHandler<ReadContributionSchedule> {
  constructor(private readonly schedule: ContributionScheduleReadModel) {}

  async execute(): Promise<ContributionScheduleView> {
    const row = await this.schedule.current();
    return row ? toScheduleView(row) : { ratePeriods: [], coFundingAgreements: [], revision: -1 };
  }
}
