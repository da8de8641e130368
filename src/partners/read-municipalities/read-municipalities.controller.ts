import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { ROLES } from '../../shared/auth/authenticated-user';
import { Answer } from '../../shared/http/answer';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { ApiNotFound } from '../common/openapi';
import { MunicipalityParams } from '../common/params';
import { MunicipalityPage, MunicipalityView } from '../municipality-register/municipality.view';
import { ListMunicipalitiesRequest } from './list-municipalities.request';
import { ListMunicipalities, ReadMunicipality } from './read-municipalities.query';

@ApiTags('Reference data: municipalities')
@Controller('municipalities')
export class ReadMunicipalitiesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...ROLES)
  @ApiQueryEndpoint('List municipalities', 'By name, each with its population per year.')
  @ApiOkResponse({ type: MunicipalityPage })
  list(@Query() query: ListMunicipalitiesRequest): Promise<MunicipalityPage> {
    const { member, limit, cursor } = query;
    return this.queries.execute(new ListMunicipalities({ member }, { limit, cursor })) as Promise<MunicipalityPage>;
  }

  @Get(':municipalityId')
  @Roles(...ROLES)
  @ApiQueryEndpoint('Read a municipality', 'With its population on 1 January per year; the `ETag` is its revision.')
  @ApiNotFound('municipality')
  @ApiOkResponse({ type: MunicipalityView })
  async read(@Param() params: MunicipalityParams): Promise<Answer<MunicipalityView>> {
    const municipality = await this.queries.execute(new ReadMunicipality(params.municipalityId));
    return Answer.versioned(municipality, BigInt(municipality.revision));
  }
}
