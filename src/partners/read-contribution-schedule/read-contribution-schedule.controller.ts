import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { Answer } from '../../shared/http/answer';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { CONTRIBUTION_READERS } from '../common/roles';
import { ContributionScheduleView } from '../contribution-schedule/contribution-schedule.view';
import { ReadContributionSchedule } from './read-contribution-schedule.query';

@ApiTags('Member contributions')
@Controller('contribution-schedule')
export class ReadContributionScheduleController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...CONTRIBUTION_READERS)
  @ApiQueryEndpoint(
    'Read the contribution schedule',
    'The rate per inhabitant per span of working years, and the co-funding agreements. The `ETag` is the ' +
      'schedule’s revision, for `If-Match` on its commands; before the first rate period there is none.',
  )
  @ApiOkResponse({ type: ContributionScheduleView })
  async read(): Promise<Answer<ContributionScheduleView> | ContributionScheduleView> {
    const schedule = await this.queries.execute(new ReadContributionSchedule());
    return schedule.revision < 0 ? schedule : Answer.versioned(schedule, BigInt(schedule.revision));
  }
}
