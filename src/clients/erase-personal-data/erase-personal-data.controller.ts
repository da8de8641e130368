import { Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { CLIENT_PEOPLE_PROJECTION } from '../client-summary/client-people.projection';
import { CLIENT_REGISTER_PROJECTION } from '../client-register/client-register.projection';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { CLIENT_API_TEXTS } from '../common/openapi';
import { ClientParams } from '../common/params';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { CLIENT_ERASURES_PROJECTION } from '../erasure/erasure.projection';
import { ErasePersonalDataHandler } from './erase-personal-data.handler';
import { ErasureView } from './erasure.view';

@ApiTags('Clients')
@Controller('clients')
export class ErasePersonalDataController {
  constructor(
    private readonly handler: ErasePersonalDataHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post(':clientId/erasure')
  @HttpCode(200)
  @Roles('dpo')
  @AccessLogged({ resource: 'client', idParam: 'clientId', personIdParam: 'clientId' })
  @ApiCommandEndpoint(
    "Erase a person's personal data (GDPR art. 17)",
    "Destroys the person's data key (every sealed copy in events and read models becomes unreadable; in older " +
      'backups, once the key-encryption key of their time is destroyed), ' +
      'appends `ClientPersonalDataErased`, rewrites the key and look-up tables so that no old copy of the key stays in ' +
      "the database's files, and scrubs the read models. The person stays as an anonymous id in counts " +
      'and referral flows. Idempotent: a second erasure answers the same and changes nothing. For the ' +
      'data-protection officer, region-wide (docs/privacy.md).',
    CLIENT_API_TEXTS,
  )
  @ApiProblemsWith(CLIENT_API_TEXTS, 404)
  @ApiOkResponse({ type: ErasureView })
  async erase(
    @Param() params: ClientParams,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ErasureView> {
    const result = await this.handler.execute(params.clientId, commandContext(user, headers));
    await this.readYourWrites.waitFor(result, [
      CLIENT_PEOPLE_PROJECTION,
      CLIENT_REGISTER_PROJECTION,
      CLIENT_ERASURES_PROJECTION,
    ]);
    if (result.state.status !== 'erased' || result.state.erasedOn === null) throw new Error('Erasure left no erasure');
    setEtag(reply, result.revision);
    return {
      clientId: params.clientId,
      status: 'erased',
      erasedOn: result.state.erasedOn,
      revision: Number(result.revision),
    };
  }
}
