import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { ROLES } from '../../shared/auth/authenticated-user';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { LabelsView } from './labels.view';
import { ReadLabels } from './read-labels.query';
import { ReadLabelsRequest } from './read-labels.request';

/** Labels are reference data: for every authenticated user, no personal data (docs/adr/0027). */
@ApiTags('Reference data: labels')
@Controller('labels')
export class ReadLabelsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...ROLES)
  @ApiQueryEndpoint(
    'Labels of every code',
    'nl-BE (`lang=nl`, the default) or English (`lang=en`) labels for every code of the API (every enum of this ' +
      'document: origins, life domains, statuses, reasons, outcomes, roles, …), by vocabulary. Another language is ' +
      '400 naming `lang`.',
  )
  @ApiOkResponse({ type: LabelsView })
  read(@Query() query: ReadLabelsRequest): Promise<LabelsView> {
    return this.queries.execute(new ReadLabels(query.lang ?? 'nl'));
  }
}
