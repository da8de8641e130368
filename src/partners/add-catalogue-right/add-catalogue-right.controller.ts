import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { Roles } from '../../shared/auth/access.decorators';
import { Answer, WaitsFor } from '../../shared/http/answer';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiCommandEndpoint } from '../../shared/http/openapi';
import { catalogueRightAfter, CatalogueRightView } from '../rights-catalogue/catalogue-right.view';
import { RIGHTS_CATALOGUE_PROJECTION } from '../rights-catalogue/rights-catalogue.projection';
import { AddCatalogueRight } from './add-catalogue-right.command';
import { AddCatalogueRightRequest } from './add-catalogue-right.request';

@ApiTags('Reference data: rights catalogue')
@Controller('rights-catalogue')
export class AddCatalogueRightController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @WaitsFor(RIGHTS_CATALOGUE_PROJECTION)
  @ApiCommandEndpoint(
    'Add a right to the catalogue',
    'A local right names its municipality (409 `UNKNOWN_MUNICIPALITY` if it is not registered); a Flemish or ' +
      'federal right names none (409 `MUNICIPALITY_NOT_ALLOWED`).',
  )
  @ApiCreatedResponse({ type: CatalogueRightView })
  async add(@Body() body: AddCatalogueRightRequest, @Caller() caller: Caller): Promise<Answer<CatalogueRightView>> {
    const { name, lifeDomain, level } = body;
    const details = { name, lifeDomain, level, municipalityId: body.municipalityId ?? null };
    const result = await this.commands.execute(new AddCatalogueRight(caller.envelope, details));
    const right = catalogueRightAfter(result);
    return Answer.written(right, result, `/rights-catalogue/${right.rightId}`);
  }
}
