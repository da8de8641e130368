import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { setEtag } from '../../shared/http/command-headers';
import { ClientSummaryQuery } from '../client-summary/client-summary.query';
import { ClientView } from '../client-summary/client.view';
import { ClientAccess } from '../common/client-access';
import { ApiProblemsWith } from '../../shared/http/openapi';
import { ClientParams } from '../common/params';
import { CLIENT_API_TEXTS, clientNotFound } from '../common/openapi';

@ApiTags('Clients')
@Controller('clients')
export class ReadClientController {
  constructor(
    private readonly access: ClientAccess,
    private readonly summaries: ClientSummaryQuery,
  ) {}

  @Get(':clientId')
  @Roles('social_worker')
  @AccessLogged({ resource: 'client', idParam: 'clientId', personIdParam: 'clientId' })
  @ApiOperation({
    summary: "A person's summary",
    description:
      'For a social worker of an organisation that may see the person today: the one that registered them, or one ' +
      "the person's valid consent names (docs/adr/0013). Others get the same 403 as for a wrong role. Logged in the " +
      'access log.',
  })
  @ApiOkResponse({ type: ClientView })
  @ApiProblemsWith(CLIENT_API_TEXTS, 400, 404, 410)
  async read(
    @Param() params: ClientParams,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClientView> {
    const loaded = await this.access.visibleTo(user, params.clientId);
    const fromReadModel = await this.summaries.find(params.clientId);
    // A read model behind the stream (a write on another replica a moment ago, a stalled projection): the events
    // answer, so that nobody reads an older person than the one they just changed.
    const view =
      fromReadModel && BigInt(fromReadModel.revision) === loaded.revision
        ? fromReadModel
        : await this.summaries.summaryOfStream(loaded);
    if (!view) throw clientNotFound();
    setEtag(reply, BigInt(view.revision));
    return view;
  }
}
