import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { Command, type CommandHeaders, setEtag } from '../../shared/http/command-headers';
import { commandContext } from '../../shared/commands/command-context';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { ReadYourWrites } from '../../shared/projections/read-your-writes';
import { CatalogueRightView, catalogueRightViewOf } from '../rights-catalogue/catalogue-right.view';
import { RIGHTS_CATALOGUE_PROJECTION } from '../rights-catalogue/rights-catalogue.projection';
import { AddCatalogueRightHandler } from './add-catalogue-right.handler';
import { AddCatalogueRightRequest } from './add-catalogue-right.request';

@ApiTags('Reference data: rights catalogue')
@Controller('rights-catalogue')
export class AddCatalogueRightController {
  constructor(
    private readonly handler: AddCatalogueRightHandler,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiCommandEndpoint(
    'Add a right to the catalogue',
    'A local right names its municipality (409 `UNKNOWN_MUNICIPALITY` if it is not registered); a Flemish or ' +
      'federal right names none (409 `MUNICIPALITY_NOT_ALLOWED`).',
  )
  @ApiCreatedResponse({ type: CatalogueRightView })
  async add(
    @Body() body: AddCatalogueRightRequest,
    @Command() headers: CommandHeaders,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CatalogueRightView> {
    const result = await this.handler.execute(
      {
        details: {
          name: body.name,
          lifeDomain: body.lifeDomain,
          level: body.level,
          municipalityId: body.municipalityId ?? null,
        },
      },
      commandContext(user, headers),
    );
    await this.readYourWrites.waitFor(result, [RIGHTS_CATALOGUE_PROJECTION]);
    if (result.state.status === 'absent') throw new Error('Adding left no right');
    setEtag(reply, result.revision);
    void reply.header('location', `/rights-catalogue/${result.state.rightId}`);
    return catalogueRightViewOf(result.state, result.revision);
  }
}
