import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessLogEntry, AccessLogged, CurrentUser, type PendingAccessLogEntry, Roles } from '../../shared/auth';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { setEtag } from '../../shared/http/command-headers';
import { ApiProblems } from '../../shared/http/openapi';
import { ReferralParams } from '../common/params';
import { ReferralAccess } from '../common/referral-access';
import { ReferralStreams } from '../common/referral-streams';
import { ReferralView } from '../common/referral.view';

@ApiTags('Referrals')
@Controller('referrals')
export class ReadReferralController {
  constructor(
    private readonly streams: ReferralStreams,
    private readonly access: ReferralAccess,
  ) {}

  @Get(':referralId')
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @ApiOperation({
    summary: 'A referral',
    description:
      'For social workers of the sending and of the receiving organisation (others: 403). The receiver sees the ' +
      'person’s id and the note only while the consent the referral rests on holds; never for an anonymous signal. ' +
      'Read from the referral’s events, so an answer recorded a moment ago shows. Logged in the access log.',
  })
  @ApiOkResponse({ type: ReferralView })
  @ApiProblems(400, 404)
  async read(
    @Param() params: ReferralParams,
    @CurrentUser() user: AuthenticatedUser,
    @AccessLogEntry() entry: PendingAccessLogEntry,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReferralView> {
    const { state, revision } = await this.streams.existing(params.referralId);
    const party = this.access.partyOf(user, state, entry);
    setEtag(reply, revision);
    return this.access.view(state, revision, party);
  }
}
