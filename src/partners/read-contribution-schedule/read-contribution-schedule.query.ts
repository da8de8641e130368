import { Query } from '@nestjs/cqrs';
import type { ContributionScheduleView } from '../contribution-schedule/contribution-schedule.view';

/** The region's contribution schedule; revision -1 before its first rate period. */
export class ReadContributionSchedule extends Query<ContributionScheduleView> {}
