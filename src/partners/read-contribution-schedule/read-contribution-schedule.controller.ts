import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth/access.decorators';
import { setEtag } from '../../shared/http/command-headers';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { CONTRIBUTION_READERS } from '../common/roles';
import { ContributionScheduleQuery } from '../contribution-schedule/contribution-schedule.query';
import { ContributionScheduleView, toScheduleView } from '../contribution-schedule/contribution-schedule.view';

@ApiTags('Member contributions')
@Controller('contribution-schedule')
export class ReadContributionScheduleController {
  constructor(private readonly schedule: ContributionScheduleQuery) {}

  @Get()
  @Roles(...CONTRIBUTION_READERS)
  @ApiQueryEndpoint(
    'Read the contribution schedule',
    'The rate per inhabitant per span of working years, and the co-funding agreements. The `ETag` is the ' +
      'schedule’s revision, for `If-Match` on its commands; before the first rate period there is none.',
  )
  @ApiOkResponse({ type: ContributionScheduleView })
  async read(@Res({ passthrough: true }) reply: FastifyReply): Promise<ContributionScheduleView> {
    const row = await this.schedule.current();
    if (!row) return { ratePeriods: [], coFundingAgreements: [], revision: -1 };
    setEtag(reply, row.revision);
    return toScheduleView(row);
  }
}
