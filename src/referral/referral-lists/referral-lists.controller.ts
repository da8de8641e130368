import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccessLogged, Roles } from '../../shared/auth';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { PageQuery } from '../../shared/http/pagination';
import { FollowUpPage, ReferralSummaryPage } from '../referral-register/referral-summary.view';
import { ListReferralsRequest } from './list-referrals.request';
import { ListFollowUp, ListReferrals } from './referral-lists.query';

/**
 * The work lists of a social worker's organisation, always its own: what it received (inbox), what it sent
 * (outbox), and the people back with it after a decline or a drop (follow-up). Overdue first.
 */
@ApiTags('Referrals')
@Controller('referrals')
export class ReferralListsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('inbox')
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral' })
  @ApiQueryEndpoint(
    'Referrals your organisation received',
    'Overdue first (still `sent` after `dueOn`), then by due date. Filter by `status` and `overdue`. The ' +
      'organisations by name; the person by name only when your organisation may see the person (otherwise ' +
      '`clientName` is null), each person named logged in the access log. No note: open a referral for that.',
  )
  @ApiOkResponse({ type: ReferralSummaryPage })
  inbox(@Query() query: ListReferralsRequest, @Caller() caller: Caller): Promise<ReferralSummaryPage> {
    return this.queries.execute(new ListReferrals(caller, 'inbox', query, query)) as Promise<ReferralSummaryPage>;
  }

  @Get('outbox')
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral' })
  @ApiQueryEndpoint(
    'Referrals your organisation sent',
    'Overdue first, then by due date. Filter by `status` and `overdue`. The organisations and, when your ' +
      'organisation may see the person, the person by name; each person named is logged in the access log.',
  )
  @ApiOkResponse({ type: ReferralSummaryPage })
  outbox(@Query() query: ListReferralsRequest, @Caller() caller: Caller): Promise<ReferralSummaryPage> {
    return this.queries.execute(new ListReferrals(caller, 'outbox', query, query)) as Promise<ReferralSummaryPage>;
  }

  @Get('follow-up')
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral' })
  @ApiQueryEndpoint(
    'People back with your organisation after a referral, and unread replies',
    'Referrals your organisation sent that were declined or dropped and not sent again (GBO is the fallback, the ' +
      'person is back on your list), and those with messages of the receiver your organisation has not read ' +
      '(`unreadReplies`; reading the conversation marks them read). Oldest first. Names the person (by id, and by ' +
      'name when your organisation may see them) and the trajectory; logged in the access log.',
  )
  @ApiOkResponse({ type: FollowUpPage })
  followUp(@Query() query: PageQuery, @Caller() caller: Caller): Promise<FollowUpPage> {
    return this.queries.execute(new ListFollowUp(caller, query)) as Promise<FollowUpPage>;
  }
}
