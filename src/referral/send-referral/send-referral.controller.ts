import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { INTAKE_TRAJECTORIES_PROJECTION } from '../../intake';
import { AccessLogged, Roles } from '../../shared/auth';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { BODY_LIMITS, BodyLimit } from '../../shared/http/json-body';
import { ApiCommandEndpoint, ApiProblems } from '../../shared/http/openapi';
import { ReferralView } from '../common/referral.view';
import { REFERRALS_PROJECTION } from '../referral-register/referrals.projection';
import { SendReferral } from './send-referral.command';
import { SendReferralRequest } from './send-referral.request';

@ApiTags('Referrals')
@Controller('referrals')
export class SendReferralController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @BodyLimit(BODY_LIMITS.largeBytes)
  @HttpCode(201)
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral' })
  // The trajectory's referrals too: closing it right after sees this one open (docs/adr/0026).
  @WaitsFor(REFERRALS_PROJECTION, INTAKE_TRAJECTORIES_PROJECTION)
  @ApiCommandEndpoint(
    'Send a referral',
    'From an intake trajectory of your organisation to another organisation (and one of its services), for a need ' +
      'and life domain. Needs the person’s valid consent to share them with the receiver (409 `CONSENT_REQUIRED`), ' +
      'unless sent as an anonymous signal (`consentBasis: none`). Due `responseDeadlineDays` calendar days after ' +
      'sending: after `occurredOn` for one registered late (default today; never in the future nor before the ' +
      'trajectory was opened, 400 naming `occurredOn`). Refusals with their codes: docs/referrals.md.',
  )
  @ApiBody({ type: SendReferralRequest })
  @ApiCreatedResponse({ type: ReferralView, description: '`Location` names it; `ETag` is its revision.' })
  @ApiProblems(404)
  async send(@Body() body: unknown, @Caller() caller: Caller): Promise<Answer<ReferralView>> {
    const { referral, result } = await this.commands.execute(new SendReferral(caller, body));
    return Answer.written(referral, result, `/referrals/${referral.referralId}`);
  }
}
