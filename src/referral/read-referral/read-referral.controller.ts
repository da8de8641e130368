import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessLogged, Roles } from '../../shared/auth';
import { Answer } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiProblems } from '../../shared/http/openapi';
import { ReferralParams } from '../common/params';
import { ReferralView } from '../common/referral.view';
import { ReadReferral } from './read-referral.query';

@ApiTags('Referrals')
@Controller('referrals')
export class ReadReferralController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':referralId')
  @Roles('social_worker', 'coordinator')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @ApiOperation({
    summary: 'A referral',
    description:
      'For social workers of the sending and of the receiving organisation (other social workers: 403), and for ' +
      'coordinators, who may revoke it: their view holds ids of organisations and municipalities, codes, statuses ' +
      'and dates only (no person, trajectory, need, consent, note or explanation). The receiver sees the ' +
      'person’s id and the note only while the consent the referral rests on holds; never for an anonymous signal. ' +
      'Read from the referral’s events, so an answer recorded a moment ago shows. Logged in the access log.',
  })
  @ApiOkResponse({ type: ReferralView })
  @ApiProblems(400, 404)
  async read(@Param() params: ReferralParams, @Caller() caller: Caller): Promise<Answer<ReferralView>> {
    const referral = await this.queries.execute(new ReadReferral(caller, params.referralId));
    return Answer.versioned(referral, BigInt(referral.revision));
  }
}
