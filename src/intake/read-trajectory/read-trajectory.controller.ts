import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../shared/auth/access.decorators';
import { AccessLogEntry, AccessLogged } from '../../shared/auth/access-log/access-logged.decorator';
import type { PendingAccessLogEntry } from '../../shared/auth/access-log/pending-entry';
import type { AuthenticatedUser } from '../../shared/auth/authenticated-user';
import { brusselsDateOf, type CalendarDate, isCalendarDate } from '../../shared/domain/calendar';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { today } from '../../shared/domain/today';
import type { RecordedEvent } from '../../shared/event-store';
import { setEtag } from '../../shared/http/command-headers';
import { ApiProblems, ApiQueryEndpoint } from '../../shared/http/openapi';
import { ProblemException } from '../../shared/http/problem-details';
import { invalidRequest } from '../../shared/http/request-validation';
import { IntakeAccess } from '../common/intake-access';
import { NeedDescriptions } from '../common/need-descriptions';
import { INTAKE_ACCESS_LOG, INTAKE_TAG } from '../common/openapi';
import { TrajectoryParams } from '../common/params';
import { IntakeTrajectoriesQuery } from '../intake-trajectories/intake-trajectories.query';
import { evolveDetail, type TrajectoryDetail } from '../intake-trajectories/trajectory-detail';
import type { AsOfAxis } from './read-trajectory.request';
import { ReadTrajectoryRequest } from './read-trajectory.request';
import { trajectoryViewOf, TrajectoryView } from './trajectory.view';

@ApiTags(INTAKE_TAG)
@Controller('intake-trajectories')
export class ReadTrajectoryController {
  constructor(
    private readonly access: IntakeAccess,
    private readonly trajectories: IntakeTrajectoriesQuery,
    private readonly descriptions: NeedDescriptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':trajectoryId')
  @Roles('social_worker')
  @AccessLogged(INTAKE_ACCESS_LOG)
  @ApiQueryEndpoint(
    'An intake trajectory in detail',
    'For social workers of the organisation responsible for it now (after a transfer, the receiving one; the ' +
      'others get 403): assessments, needs with their descriptions, rights, unmet needs, the referrals sent from ' +
      'it with their status (`overdue`: still unanswered after the deadline), and the timeline of every event. ' +
      'With `asOf` (and `axis`), the trajectory as it stood then, folded from its events. Logged in the access log.',
  )
  @ApiProblems(404)
  @ApiOkResponse({ type: TrajectoryView })
  async read(
    @Param() params: TrajectoryParams,
    @Query() query: ReadTrajectoryRequest,
    @CurrentUser() user: AuthenticatedUser,
    @AccessLogEntry() accessLog: PendingAccessLogEntry,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TrajectoryView> {
    const moment = asOfMoment(query);
    const loaded = await this.access.responsibleFor(user, params.trajectoryId, accessLog);

    if (moment) {
      const detail = fold(loaded.events.filter(moment.includes));
      if (!detail) {
        throw new ProblemException(404, 'INTAKE_TRAJECTORY_NOT_FOUND', 'Not found', 'It was not opened yet then.');
      }
      return trajectoryViewOf({
        detail,
        descriptions: await this.descriptionsOf(detail),
        referrals: null,
        today: moment.date,
        asOf: { asOf: query.asOf!, axis: moment.axis },
      });
    }

    const row = await this.trajectories.find(params.trajectoryId);
    // A read model behind the stream (a write on another replica a moment ago, a stalled projection): the events
    // answer, so that nobody reads an older trajectory than the one they just changed.
    const detail = row && row.revision === loaded.revision ? row.detail : fold(loaded.events);
    if (!detail) throw new Error('A trajectory the stream knows folded to nothing');
    setEtag(reply, loaded.revision!);
    return trajectoryViewOf({
      detail,
      descriptions: await this.descriptionsOf(detail),
      referrals: await this.trajectories.referralsOf(params.trajectoryId),
      today: today(this.clock),
      asOf: null,
    });
  }

  private descriptionsOf(detail: TrajectoryDetail): Promise<Map<string, string | null>> {
    return this.descriptions.open(
      detail.clientId,
      new Map(detail.needs.map((need) => [need.needId, need.description])),
    );
  }
}

function fold(events: readonly RecordedEvent[]): TrajectoryDetail | undefined {
  return events.reduce<TrajectoryDetail | undefined>(evolveDetail, undefined);
}

interface AsOfMoment {
  readonly axis: AsOfAxis;
  /** The date in Belgium that days open and overdue count to. */
  readonly date: CalendarDate;
  readonly includes: (event: RecordedEvent) => boolean;
}

/** Which events make up the trajectory as of the moment asked for; undefined for the current trajectory. */
function asOfMoment(query: ReadTrajectoryRequest): AsOfMoment | undefined {
  if (query.asOf === undefined) {
    if (query.axis !== undefined) throw invalidRequest([{ field: 'axis', messages: ['axis is only for asOf'] }]);
    return undefined;
  }
  const axis = query.axis ?? 'occurred';
  const isDate = query.asOf.length === 10;
  const instant = isDate ? undefined : new Date(query.asOf);
  if (isDate ? !isCalendarDate(query.asOf) : Number.isNaN(instant!.getTime())) {
    throw invalidRequest([{ field: 'asOf', messages: ['asOf must be a real date or instant'] }]);
  }
  const date = instant ? brusselsDateOf(instant) : query.asOf;
  if (axis === 'occurred') {
    return { axis, date, includes: (event) => (event.data as { occurredOn: string }).occurredOn <= date };
  }
  return {
    axis,
    date,
    includes: instant ? (event) => event.created <= instant : (event) => brusselsDateOf(event.created) <= date,
  };
}
