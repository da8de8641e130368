import { Body, Controller, Param, Patch } from '@nestjs/common';
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
import { ChangeCatalogueRight } from './change-catalogue-right.command';
import { ChangeCatalogueRightRequest } from './change-catalogue-right.request';

@ApiTags('Reference data: rights catalogue')
@Controller('rights-catalogue')
export class ChangeCatalogueRightController {
  constructor(private readonly commands: CommandBus) {}

  @Patch(':rightId')
  @Roles('admin')
  @WaitsFor(RIGHTS_CATALOGUE_PROJECTION)
  @ApiCommandEndpoint(
    'Change a right of the catalogue',
    'Its name or life domain. Refused with 409 `CATALOGUE_RIGHT_RETIRED` once retired.',
  )
  @ApiNotFound('catalogueRight')
  @ApiOkResponse({ type: CatalogueRightView })
  async change(
    @Param() params: CatalogueRightParams,
    @Body() body: ChangeCatalogueRightRequest,
    @Caller() caller: Caller,
  ): Promise<Answer<CatalogueRightView>> {
    const changes = { name: body.name, lifeDomain: body.lifeDomain };
    const result = await this.commands.execute(new ChangeCatalogueRight(caller.envelope, params.rightId, changes));
    return Answer.written(catalogueRightAfter(result), result);
  }
}
