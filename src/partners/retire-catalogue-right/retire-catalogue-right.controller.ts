import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../shared/auth/access.decorators';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { ApiNotFound } from '../common/openapi';
import { CatalogueRightParams } from '../common/params';
import { catalogueRightAfter, CatalogueRightView } from '../rights-catalogue/catalogue-right.view';
import { RIGHTS_CATALOGUE_PROJECTION } from '../rights-catalogue/rights-catalogue.projection';
import { RetireCatalogueRight } from './retire-catalogue-right.command';

@ApiTags('Reference data: rights catalogue')
@Controller('rights-catalogue')
export class RetireCatalogueRightController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':rightId/retire')
  @HttpCode(200)
  @Roles('admin')
  @WaitsFor(RIGHTS_CATALOGUE_PROJECTION)
  @ApiCommandEndpoint(
    'Retire a right from the catalogue',
    'It is no longer offered; intakes that explored it keep referring to it. Retiring again stores nothing.',
  )
  @ApiNotFound('catalogueRight')
  @ApiOkResponse({ type: CatalogueRightView })
  async retire(@Param() params: CatalogueRightParams, @Caller() caller: Caller): Promise<Answer<CatalogueRightView>> {
    const result = await this.commands.execute(new RetireCatalogueRight(caller.envelope, params.rightId));
    return Answer.written(catalogueRightAfter(result), result);
  }
}
