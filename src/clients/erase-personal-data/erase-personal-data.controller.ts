import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint, ApiProblemsWith } from '../../shared/http/openapi';
import { CLIENT_REGISTER_PROJECTION } from '../client-register/client-register.projection';
import { CLIENT_PEOPLE_PROJECTION } from '../client-summary/client-people.projection';
import { CLIENT_API_TEXTS } from '../common/openapi';
import { ClientParams } from '../common/params';
import { CLIENT_ERASURES_PROJECTION } from '../erasure/erasure.projection';
import { ErasePersonalData } from './erase-personal-data.command';
import { ErasureView } from './erasure.view';

@ApiTags('Clients')
@Controller('clients')
export class ErasePersonalDataController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':clientId/erasure')
  @HttpCode(200)
  @Roles('dpo')
  @AccessLogged({ resource: 'client', idParam: 'clientId', personIdParam: 'clientId' })
  @WaitsFor(CLIENT_PEOPLE_PROJECTION, CLIENT_REGISTER_PROJECTION, CLIENT_ERASURES_PROJECTION)
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
  async erase(@Param() params: ClientParams, @Caller() caller: Caller): Promise<Answer<ErasureView>> {
    const result = await this.commands.execute(new ErasePersonalData(caller, params.clientId));
    if (result.state.status !== 'erased') throw new Error('Erasure left no erasure');
    const { erasedOn } = result.state;
    return Answer.written(
      { clientId: params.clientId, status: 'erased', erasedOn, revision: Number(result.revision) },
      result,
    );
  }
}
