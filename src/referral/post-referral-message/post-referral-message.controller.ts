import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AccessLogged, Roles } from '../../shared/auth';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { MessageView } from '../common/conversation.view';
import { PostReferralMessageRequest } from './post-referral-message.request';
import { ReferralParams } from '../common/params';
import { REFERRAL_CONVERSATIONS_PROJECTION } from '../referral-conversations/referral-conversations.projection';
import { PostReferralMessage } from './post-referral-message.command';

@ApiTags('Referrals')
@Controller('referrals')
export class PostReferralMessageController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':referralId/messages')
  @HttpCode(201)
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @WaitsFor(REFERRAL_CONVERSATIONS_PROJECTION)
  @ApiCommandEndpoint(
    'Write a message on a referral',
    'For social workers of the sending and of the receiving organisation (anyone else: 403, nothing written), ' +
      'whatever the referral’s status. The text is sealed with the person’s key; a message shares the person, so ' +
      'it needs the consent the referral rests on (409 `CONSENT_REQUIRED`). The other organisation sees it as ' +
      'unread. `ETag` is the conversation’s revision. Logged in the access log. Details: docs/referrals.md.',
  )
  @ApiBody({ type: PostReferralMessageRequest })
  @ApiCreatedResponse({ type: MessageView, description: 'The message as stored.' })
  @ApiProblemsWith({ problems: { 404: 'No such referral (`REFERRAL_NOT_FOUND`).' } }, 404)
  async post(
    @Param() params: ReferralParams,
    @Body() body: unknown,
    @Caller() caller: Caller,
  ): Promise<Answer<MessageView>> {
    const { message, result } = await this.commands.execute(new PostReferralMessage(caller, params.referralId, body));
    return Answer.written(message, result, `/referrals/${params.referralId}/messages`);
  }
}
