import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth/access.decorators';
import { ROLES } from '../../shared/auth/authenticated-user';
import { setEtag } from '../../shared/http/command-headers';
import { ApiProblems, ApiQueryEndpoint } from '../../shared/http/openapi';
import { MunicipalityParams } from '../common/params';
import { notFound } from '../common/problems';
import { MunicipalitiesQuery } from '../municipality-register/municipalities.query';
import { MunicipalityPage, MunicipalityView } from '../municipality-register/municipality.view';
import { ListMunicipalitiesRequest } from './list-municipalities.request';

@ApiTags('Reference data: municipalities')
@Controller('municipalities')
export class ReadMunicipalitiesController {
  constructor(private readonly municipalities: MunicipalitiesQuery) {}

  @Get()
  @Roles(...ROLES)
  @ApiQueryEndpoint('List municipalities', 'By name, each with its population per year.')
  @ApiOkResponse({ type: MunicipalityPage })
  list(@Query() query: ListMunicipalitiesRequest): Promise<MunicipalityPage> {
    return this.municipalities.list(
      { member: query.member },
      { limit: query.limit, cursor: query.cursor },
    ) as Promise<MunicipalityPage>;
  }

  @Get(':municipalityId')
  @Roles(...ROLES)
  @ApiQueryEndpoint('Read a municipality', 'With its population on 1 January per year; the `ETag` is its revision.')
  @ApiProblems(404)
  @ApiOkResponse({ type: MunicipalityView })
  async read(
    @Param() params: MunicipalityParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MunicipalityView> {
    const municipality = await this.municipalities.find(params.municipalityId);
    if (!municipality) throw notFound('MUNICIPALITY_NOT_FOUND', 'No such municipality');
    setEtag(reply, BigInt(municipality.revision));
    return municipality;
  }
}
