import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { ROLES } from '../../shared/auth/authenticated-user';
import { Answer } from '../../shared/http/answer';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { ApiNotFound } from '../common/openapi';
import { OrganisationParams } from '../common/params';
import { OrganisationPage, OrganisationView } from '../organisation-directory/organisation.view';
import { ListOrganisationsRequest } from './list-organisations.request';
import { ListOrganisations, ReadOrganisation } from './read-organisations.query';

/** Reference data is for every authenticated user: it holds no personal data. */
@ApiTags('Reference data: organisations')
@Controller('organisations')
export class ReadOrganisationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...ROLES)
  @ApiQueryEndpoint(
    'List partner organisations: the service directory',
    'By name; active ones only unless `includeInactive=true`. Search by `service` (forgiving case and accents), ' +
      '`municipalityId` and `type`; the names are the organisations’ own (Dutch).',
  )
  @ApiOkResponse({ type: OrganisationPage })
  list(@Query() query: ListOrganisationsRequest): Promise<OrganisationPage> {
    const { type, municipalityId, service, includeInactive, limit, cursor } = query;
    return this.queries.execute(
      new ListOrganisations({ type, municipalityId, service, includeInactive }, { limit, cursor }),
    ) as Promise<OrganisationPage>;
  }

  @Get(':organisationId')
  @Roles(...ROLES)
  @ApiQueryEndpoint('Read an organisation', 'The `ETag` is its revision, for `If-Match` on a change.')
  @ApiNotFound('organisation')
  @ApiOkResponse({ type: OrganisationView })
  async read(@Param() params: OrganisationParams): Promise<Answer<OrganisationView>> {
    const organisation = await this.queries.execute(new ReadOrganisation(params.organisationId));
    return Answer.versioned(organisation, BigInt(organisation.revision));
  }
}
