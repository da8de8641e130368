import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth/access.decorators';
import { ROLES } from '../../shared/auth/authenticated-user';
import { setEtag } from '../../shared/http/command-headers';
import { ApiProblems, ApiQueryEndpoint } from '../../shared/http/openapi';
import { OrganisationParams } from '../common/params';
import { notFound } from '../common/problems';
import { OrganisationPage, OrganisationView } from '../organisation-directory/organisation.view';
import { OrganisationsQuery } from '../organisation-directory/organisations.query';
import { ListOrganisationsRequest } from './list-organisations.request';

/** Reference data is for every authenticated user: it holds no personal data. */
@ApiTags('Reference data: organisations')
@Controller('organisations')
export class ReadOrganisationsController {
  constructor(private readonly organisations: OrganisationsQuery) {}

  @Get()
  @Roles(...ROLES)
  @ApiQueryEndpoint('List partner organisations', 'By name; active ones only unless `includeInactive=true`.')
  @ApiOkResponse({ type: OrganisationPage })
  list(@Query() query: ListOrganisationsRequest): Promise<OrganisationPage> {
    return this.organisations.list(
      { type: query.type, municipalityId: query.municipalityId, includeInactive: query.includeInactive },
      { limit: query.limit, cursor: query.cursor },
    ) as Promise<OrganisationPage>;
  }

  @Get(':organisationId')
  @Roles(...ROLES)
  @ApiQueryEndpoint('Read an organisation', 'The `ETag` is its revision, for `If-Match` on a change.')
  @ApiProblems(404)
  @ApiOkResponse({ type: OrganisationView })
  async read(
    @Param() params: OrganisationParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrganisationView> {
    const organisation = await this.organisations.find(params.organisationId);
    if (!organisation) throw notFound('ORGANISATION_NOT_FOUND', 'No such organisation');
    setEtag(reply, BigInt(organisation.revision));
    return organisation;
  }
}
