import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth/access.decorators';
import { ROLES } from '../../shared/auth/authenticated-user';
import { setEtag } from '../../shared/http/command-headers';
import { ApiProblems, ApiQueryEndpoint } from '../../shared/http/openapi';
import { CatalogueRightParams } from '../common/params';
import { notFound } from '../common/problems';
import { CatalogueRightPage, CatalogueRightView } from '../rights-catalogue/catalogue-right.view';
import { RightsCatalogueQuery } from '../rights-catalogue/rights-catalogue.query';
import { ListCatalogueRightsRequest } from './list-catalogue-rights.request';

@ApiTags('Reference data: rights catalogue')
@Controller('rights-catalogue')
export class ReadRightsCatalogueController {
  constructor(private readonly catalogue: RightsCatalogueQuery) {}

  @Get()
  @Roles(...ROLES)
  @ApiQueryEndpoint(
    'List the rights catalogue',
    'By name. With `municipalityId`: the catalogue of that municipality (its local rights, and every Flemish and ' +
      'federal right). Retired rights only with `includeRetired=true`.',
  )
  @ApiOkResponse({ type: CatalogueRightPage })
  list(@Query() query: ListCatalogueRightsRequest): Promise<CatalogueRightPage> {
    return this.catalogue.list(
      {
        municipalityId: query.municipalityId,
        level: query.level,
        lifeDomain: query.lifeDomain,
        includeRetired: query.includeRetired,
      },
      { limit: query.limit, cursor: query.cursor },
    ) as Promise<CatalogueRightPage>;
  }

  @Get(':rightId')
  @Roles(...ROLES)
  @ApiQueryEndpoint('Read a right of the catalogue', 'The `ETag` is its revision.')
  @ApiProblems(404)
  @ApiOkResponse({ type: CatalogueRightView })
  async read(
    @Param() params: CatalogueRightParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CatalogueRightView> {
    const right = await this.catalogue.find(params.rightId);
    if (!right) throw notFound('CATALOGUE_RIGHT_NOT_FOUND', 'No such right in the catalogue');
    setEtag(reply, BigInt(right.revision));
    return right;
  }
}
