import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccessLogEntry, AccessLogged, CurrentUser, type PendingAccessLogEntry, Roles } from '../../shared/auth';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { PageQuery } from '../../shared/http/pagination';
import { ReferralListsQuery } from '../referral-register/referral-lists.query';
import { FollowUpPage, ReferralSummaryPage } from '../referral-register/referral-summary.view';
import { ListReferralsQuery } from './list-referrals.request';

/**
 * The work lists of a social worker's organisation, always its own: what it received (inbox), what it sent
 * (outbox), and the people back with it after a decline or a drop (follow-up). Overdue first.
 */
@ApiTags('Referrals')
@Controller('referrals')
export class ReferralListsController {
  constructor(
    private readonly lists: ReferralListsQuery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('inbox')
  @Roles('social_worker')
  @ApiQueryEndpoint(
    'Referrals your organisation received',
    'Overdue first (still `sent` after `dueOn`), then by due date. Filter by `status` and `overdue`. No person and ' +
      'no note: open a referral for those.',
  )
  @ApiOkResponse({ type: ReferralSummaryPage })
  inbox(@Query() query: ListReferralsQuery, @CurrentUser() user: AuthenticatedUser): Promise<ReferralSummaryPage> {
    return this.lists.inbox(user.organisationId, today(this.clock), query, query) as Promise<ReferralSummaryPage>;
  }

  @Get('outbox')
  @Roles('social_worker')
  @ApiQueryEndpoint(
    'Referrals your organisation sent',
    'Overdue first, then by due date. Filter by `status` and `overdue`.',
  )
  @ApiOkResponse({ type: ReferralSummaryPage })
  outbox(@Query() query: ListReferralsQuery, @CurrentUser() user: AuthenticatedUser): Promise<ReferralSummaryPage> {
    return this.lists.outbox(user.organisationId, today(this.clock), query, query) as Promise<ReferralSummaryPage>;
  }

  @Get('follow-up')
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral' })
  @ApiQueryEndpoint(
    'People back with your organisation after a referral',
    'Referrals your organisation sent that were declined or dropped and not sent again: GBO is the fallback, the ' +
      'person is back on your list. Oldest first. Names the person (by id) and the trajectory; logged in the access log.',
  )
  @ApiOkResponse({ type: FollowUpPage })
  async followUp(
    @Query() query: PageQuery,
    @CurrentUser() user: AuthenticatedUser,
    @AccessLogEntry() entry: PendingAccessLogEntry,
  ): Promise<FollowUpPage> {
    const page = await this.lists.followUp(user.organisationId, today(this.clock), query);
    for (const item of page.items) entry.addPerson(item.clientId);
    return page as FollowUpPage;
  }
}
