import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import { AccessLogEntry, AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import { ApiQueryEndpoint } from '../../shared/http/openapi';
import { INTAKE_TAG } from '../common/openapi';
import { IntakeTrajectoriesQuery } from '../intake-trajectories/intake-trajectories.query';
import { daysOpen } from '../read-trajectory/trajectory.view';
import { CaseloadPage } from './caseload.view';
import { ListCaseloadRequest } from './list-caseload.request';

@ApiTags(INTAKE_TAG)
@Controller('intake-trajectories')
export class ListCaseloadController {
  constructor(
    private readonly trajectories: IntakeTrajectoriesQuery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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
  async list(
    @Query() query: ListCaseloadRequest,
    @CurrentUser() user: AuthenticatedUser,
    @AccessLogEntry() accessLog: PendingAccessLogEntry,
  ): Promise<CaseloadPage> {
    const status = query.status ?? 'open';
    const page = await this.trajectories.caseload(
      {
        organisationId: user.organisationId,
        ...(query.caseworkerId ? { caseworkerId: query.caseworkerId } : {}),
        ...(status === 'all' ? {} : { status }),
      },
      { limit: query.limit, cursor: query.cursor },
    );
    const date = today(this.clock);
    for (const row of page.items) accessLog.addPerson(row.clientId);
    return {
      items: page.items.map((row) => ({
        trajectoryId: row.trajectoryId,
        clientId: row.clientId,
        caseworkerId: row.caseworkerId,
        status: row.status,
        origin: row.origin as CaseloadPage['items'][number]['origin'],
        openedOn: row.openedOn,
        closedOn: row.closedOn,
        lastActivityOn: row.lastActivityOn,
        daysOpen: daysOpen(row, date),
        revision: Number(row.revision),
      })),
      nextCursor: page.nextCursor,
    };
  }
}
