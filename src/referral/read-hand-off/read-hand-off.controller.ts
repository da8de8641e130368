import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessLogged, Roles } from '../../shared/auth';
import { Answer } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiProblems } from '../../shared/http/openapi';
import { ReferralParams } from '../common/params';
import { HandOffView } from './hand-off.view';
import { ReadHandOff } from './read-hand-off.query';

@ApiTags('Referrals')
@Controller('referrals')
export class ReadHandOffController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':referralId/hand-off')
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @ApiOperation({
    summary: 'The warm hand-off of a referral',
    description:
      'For social workers of the receiving organisation, while the referral is open (sent, accepted, first contact ' +
      'made, service started) and the consent it rests on holds: the person’s id, name, phone, preferred language ' +
      'and the sender’s note, nothing else of the file. Checked on every read, so a consent withdrawn a moment ago ' +
      'answers 403 at once; so do the sender, other organisations and an anonymous signal. Logged in the access log ' +
      'with the person (docs/adr/0028).',
  })
  @ApiOkResponse({ type: HandOffView })
  @ApiProblems(400, 404)
  async read(@Param() params: ReferralParams, @Caller() caller: Caller): Promise<Answer<HandOffView>> {
    const handOff = await this.queries.execute(new ReadHandOff(caller, params.referralId));
    return Answer.versioned(handOff, BigInt(handOff.revision));
  }
}
