import { Body, Controller, Param, Patch, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint, ApiProblems } from '../../shared/http/openapi';
import { CatalogueRightParams } from '../common/params';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { CatalogueRightView, catalogueRightViewOf } from '../rights-catalogue/catalogue-right.view';
import { RIGHTS_CATALOGUE_PROJECTION } from '../rights-catalogue/rights-catalogue.projection';
import { CatalogueRightHandler } from './catalogue-right.handler';
import { ChangeCatalogueRightRequest } from './change-catalogue-right.request';

@ApiTags('Reference data: rights catalogue')
@Controller('rights-catalogue')
export class ChangeCatalogueRightController {
  constructor(
    private readonly handler: CatalogueRightHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Patch(':rightId')
  @Roles('admin')
  @ApiCommandEndpoint(
    'Change a right of the catalogue',
    'Its name or life domain. Refused with 409 `CATALOGUE_RIGHT_RETIRED` once retired.',
  )
  @ApiProblems(404)
  @ApiOkResponse({ type: CatalogueRightView })
  async change(
    @Param() params: CatalogueRightParams,
    @Body() body: ChangeCatalogueRightRequest,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CatalogueRightView> {
    const result = await this.handler.execute(
      params.rightId,
      { type: 'ChangeCatalogueRight', changes: { name: body.name, lifeDomain: body.lifeDomain } },
      commandContext(user, headers),
    );
    await this.readYourWrites.waitFor(result, [RIGHTS_CATALOGUE_PROJECTION]);
    if (result.state.status === 'absent') throw new Error('A changed right is in the catalogue');
    setEtag(reply, result.revision);
    return catalogueRightViewOf(result.state, result.revision);
  }
}
