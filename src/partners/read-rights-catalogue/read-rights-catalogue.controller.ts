import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { ROLES } from '../../shared/auth/authenticated-user';
import { Answer } from '../../shared/http/answer';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { ApiNotFound } from '../common/openapi';
import { CatalogueRightParams } from '../common/params';
import { CatalogueRightPage, CatalogueRightView } from '../rights-catalogue/catalogue-right.view';
import { ListCatalogueRightsRequest } from './list-catalogue-rights.request';
import { ListCatalogueRights, ReadCatalogueRight } from './read-rights-catalogue.query';

@ApiTags('Reference data: rights catalogue')
@Controller('rights-catalogue')
export class ReadRightsCatalogueController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...ROLES)
  @ApiQueryEndpoint(
    'List the rights catalogue',
    'By name. With `municipalityId`: the catalogue of that municipality (its local rights, and every Flemish and ' +
      'federal right). Retired rights only with `includeRetired=true`.',
  )
  @ApiOkResponse({ type: CatalogueRightPage })
  list(@Query() query: ListCatalogueRightsRequest): Promise<CatalogueRightPage> {
    const { municipalityId, level, lifeDomain, includeRetired, limit, cursor } = query;
    return this.queries.execute(
      new ListCatalogueRights({ municipalityId, level, lifeDomain, includeRetired }, { limit, cursor }),
    ) as Promise<CatalogueRightPage>;
  }

  @Get(':rightId')
  @Roles(...ROLES)
  @ApiQueryEndpoint('Read a right of the catalogue', 'The `ETag` is its revision.')
  @ApiNotFound('catalogueRight')
  @ApiOkResponse({ type: CatalogueRightView })
  async read(@Param() params: CatalogueRightParams): Promise<Answer<CatalogueRightView>> {
    const right = await this.queries.execute(new ReadCatalogueRight(params.rightId));
    return Answer.versioned(right, BigInt(right.revision));
  }
}
