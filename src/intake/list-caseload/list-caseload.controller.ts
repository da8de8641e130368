import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/access.decorators';
import { AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import { Caller } from '../../shared/http/caller.decorator';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { INTAKE_TAG } from '../common/openapi';
import { CaseloadPage } from './caseload.view';
import { ListCaseload } from './list-caseload.query';
import { ListCaseloadRequest } from './list-caseload.request';

@ApiTags(INTAKE_TAG)
@Controller('intake-trajectories')
export class ListCaseloadController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('social_worker')
  @AccessLogged({ resource: 'intakeTrajectory', action: 'read' })
  @ApiQueryEndpoint(
    "Your organisation's caseload",
    'The intake trajectories your organisation is responsible for, longest open first (opening date, then id): ' +
      "open ones by default (`status=closed` or `all`), one caseworker's with `caseworkerId`. With last activity " +
      'and days open. Paginated with `limit` and `cursor`. Every person listed is in the access log.',
  )
  @ApiOkResponse({ type: CaseloadPage })
  list(@Query() query: ListCaseloadRequest, @Caller() caller: Caller): Promise<CaseloadPage> {
    const status = query.status ?? 'open';
    const filter = {
      ...(query.caseworkerId ? { caseworkerId: query.caseworkerId } : {}),
      ...(status === 'all' ? {} : { status }),
    };
    return this.queries.execute(new ListCaseload(caller, filter, { limit: query.limit, cursor: query.cursor }));
  }
}
