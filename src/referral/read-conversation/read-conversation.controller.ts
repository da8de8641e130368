import { Controller, Get, Param } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessLogged, Roles } from '../../shared/auth';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiProblems } from '../../shared/http/openapi';
import { ConversationView } from '../common/conversation.view';
import { ReferralParams } from '../common/params';
import { MarkConversationRead } from '../mark-conversation-read/mark-conversation-read.command';
import { REFERRAL_CONVERSATIONS_PROJECTION } from '../referral-conversations/referral-conversations.projection';
import { ReadConversation } from './read-conversation.query';

@ApiTags('Referrals')
@Controller('referrals')
export class ReadConversationController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get(':referralId/messages')
  @Roles('social_worker')
  @AccessLogged({ resource: 'referral', idParam: 'referralId' })
  @WaitsFor(REFERRAL_CONVERSATIONS_PROJECTION)
  @ApiOperation({
    summary: 'The conversation on a referral',
    description:
      'For social workers of the sending and of the receiving organisation (others: 403). Oldest first, texts ' +
      'opened for this answer (the receiver reads them while the consent the referral rests on holds). Reading ' +
      'marks the messages for your organisation read, for the whole organisation (`unread` says how many were ' +
      'new). Logged in the access log. Details: docs/referrals.md.',
  })
  @ApiOkResponse({ type: ConversationView })
  @ApiProblems(400, 404)
  async read(@Param() params: ReferralParams, @Caller() caller: Caller): Promise<Answer<ConversationView>> {
    const conversation = await this.queries.execute(new ReadConversation(caller, params.referralId));
    if (conversation.unread === 0) return Answer.versioned(conversation, BigInt(conversation.revision));
    // Read now: recorded for the organisation, so its follow-up list counts them no more (docs/adr/0029).
    const result = await this.commands.execute(new MarkConversationRead(caller, params.referralId));
    return Answer.written({ ...conversation, revision: Number(result.revision) }, result);
  }
}
