import { Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { CatalogueRightHandler } from '../change-catalogue-right/catalogue-right.handler';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint, ApiProblems } from '../../shared/http/openapi';
import { CatalogueRightParams } from '../common/params';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { CatalogueRightView, catalogueRightViewOf } from '../rights-catalogue/catalogue-right.view';
import { RIGHTS_CATALOGUE_PROJECTION } from '../rights-catalogue/rights-catalogue.projection';

@ApiTags('Reference data: rights catalogue')
@Controller('rights-catalogue')
export class RetireCatalogueRightController {
  constructor(
    private readonly handler: CatalogueRightHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post(':rightId/retire')
  @HttpCode(200)
  @Roles('admin')
  @ApiCommandEndpoint(
    'Retire a right from the catalogue',
    'It is no longer offered; intakes that explored it keep referring to it. Retiring again stores nothing.',
  )
  @ApiProblems(404)
  @ApiOkResponse({ type: CatalogueRightView })
  async retire(
    @Param() params: CatalogueRightParams,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CatalogueRightView> {
    const result = await this.handler.execute(
      params.rightId,
      { type: 'RetireCatalogueRight' },
      commandContext(user, headers),
    );
    await this.readYourWrites.waitFor(result, [RIGHTS_CATALOGUE_PROJECTION]);
    if (result.state.status === 'absent') throw new Error('A retired right is in the catalogue');
    setEtag(reply, result.revision);
    return catalogueRightViewOf(result.state, result.revision);
  }
}
