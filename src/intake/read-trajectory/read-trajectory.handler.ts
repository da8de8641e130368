import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClientNames } from '../../clients';
import { OrganisationDirectory, RightsCatalogue } from '../../partners';
import { brusselsDateOf, type CalendarDate, isCalendarDate } from '../../shared/domain/calendar';
import { CLOCK, type Clock } from '../../shared/domain/clock';
import { InvalidInput, NotFound } from '../../shared/domain/domain-error';
import { today } from '../../shared/domain/today';
import type { RecordedEvent } from '../../shared/event-store';
import { IntakeAccess } from '../common/intake-access';
import { NeedDescriptions } from '../common/need-descriptions';
import { decodeIntakeEvent } from '../domain/intake.decoder';
import { evolveDetail, type TrajectoryDetail } from '../intake-trajectories/trajectory-detail';
import { TrajectoryRegister } from '../intake-trajectories/trajectory-register';
import { ReadTrajectory, type TrajectoryRead } from './read-trajectory.query';
import type { AsOfAxis } from './read-trajectory.request';
import { type TrajectoryNames, trajectoryViewOf } from './trajectory.view';
import type { TrajectoryReferralRow } from '../intake-trajectories/trajectory-referral.row';

@QueryHandler(ReadTrajectory)
export class ReadTrajectoryHandler implements IQueryHandler<ReadTrajectory> {
  constructor(
    private readonly access: IntakeAccess,
    private readonly register: TrajectoryRegister,
    private readonly descriptions: NeedDescriptions,
    private readonly clientNames: ClientNames,
    private readonly organisations: OrganisationDirectory,
    private readonly rights: RightsCatalogue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ caller, trajectoryId, asOf }: ReadTrajectory): Promise<TrajectoryRead> {
    const moment = asOfMoment(asOf);
    const loaded = await this.access.readableBy(caller.user, trajectoryId, caller.accessLog);
    // An organisation that transferred the trajectory on reads its course, and the notes it wrote itself: not the
    // descriptions recorded since (docs/adr/0028).
    const ownNeeds = loaded.standing === 'former' ? needsRecordedBy(loaded.events, caller.user.organisationId) : null;

    if (moment) {
      const detail = fold(loaded.events.filter(moment.includes));
      if (!detail) throw new NotFound('INTAKE_TRAJECTORY_NOT_FOUND', 'It was not opened yet then.');
      const view = trajectoryViewOf({
        detail,
        descriptions: await this.descriptionsOf(detail, ownNeeds),
        referrals: null,
        today: moment.date,
        asOf: { asOf: asOf.asOf!, axis: moment.axis },
        names: await this.namesOf(caller.user.organisationId, detail, []),
      });
      return { view };
    }

    const row = await this.register.find(trajectoryId);
    // A read model behind the stream (a write on another replica a moment ago, a stalled projection): the events
    // answer, so that nobody reads an older trajectory than the one they just changed.
    const detail = row && row.revision === loaded.revision ? row.detail : fold(loaded.events);
    if (!detail) throw new Error('A trajectory the stream knows folded to nothing');
    const referrals = await this.register.referralsOf(trajectoryId);
    const view = trajectoryViewOf({
      detail,
      descriptions: await this.descriptionsOf(detail, ownNeeds),
      referrals,
      today: today(this.clock),
      asOf: null,
      names: await this.namesOf(caller.user.organisationId, detail, referrals),
    });
    return { view, revision: loaded.revision! };
  }

  /** Names are today's, also in an as-of answer: the person's name is shown to whom may see them now. */
  private async namesOf(
    organisationId: string,
    detail: TrajectoryDetail,
    referrals: readonly TrajectoryReferralRow[],
  ): Promise<TrajectoryNames> {
    const [clients, organisations, rights] = await Promise.all([
      this.clientNames.visibleTo(organisationId, [detail.clientId], today(this.clock)),
      this.organisations.namesOf([
        detail.organisationId,
        detail.referringOrganisationId,
        ...referrals.map((referral) => referral.toOrganisationId),
      ]),
      this.rights.namesOf(detail.rights.map((right) => right.rightId)),
    ]);
    return { client: clients.get(detail.clientId) ?? null, organisations, rights };
  }

  /** The needs' descriptions opened; with `only`, those of the other needs stay closed (null). */
  private descriptionsOf(
    detail: TrajectoryDetail,
    only: ReadonlySet<string> | null,
  ): Promise<Map<string, string | null>> {
    return this.descriptions.open(
      detail.clientId,
      new Map(
        detail.needs.map((need) => [need.needId, only === null || only.has(need.needId) ? need.description : null]),
      ),
    );
  }
}

/** The needs recorded while `organisationId` was responsible for the trajectory. */
function needsRecordedBy(events: readonly RecordedEvent[], organisationId: string): Set<string> {
  const needs = new Set<string>();
  let responsible: string | undefined;
  for (const recorded of events) {
    const event = decodeIntakeEvent(recorded);
    if (event.type === 'IntakeOpened') responsible = event.data.organisationId;
    if (event.type === 'ResponsibilityTransferred') responsible = event.data.toOrganisationId;
    if (event.type === 'NeedRecorded' && responsible === organisationId) needs.add(event.data.needId);
  }
  return needs;
}

function fold(events: readonly RecordedEvent[]): TrajectoryDetail | undefined {
  return events.reduce<TrajectoryDetail | undefined>(
    (detail, recorded) => evolveDetail(detail, recorded, decodeIntakeEvent(recorded)),
    undefined,
  );
}

interface AsOfMoment {
  readonly axis: AsOfAxis;
  /** The date in Belgium that days open and overdue count to. */
  readonly date: CalendarDate;
  readonly includes: (event: RecordedEvent) => boolean;
}

/** Which events make up the trajectory as of the moment asked for; undefined for the current trajectory. */
function asOfMoment(query: ReadTrajectory['asOf']): AsOfMoment | undefined {
  if (query.asOf === undefined) {
    if (query.axis !== undefined) throw InvalidInput.fields([{ field: 'axis', messages: ['axis is only for asOf'] }]);
    return undefined;
  }
  const axis = query.axis ?? 'occurred';
  const isDate = query.asOf.length === 10;
  const instant = isDate ? undefined : new Date(query.asOf);
  if (isDate ? !isCalendarDate(query.asOf) : Number.isNaN(instant!.getTime())) {
    throw InvalidInput.fields([{ field: 'asOf', messages: ['asOf must be a real date or instant'] }]);
  }
  const date = instant ? brusselsDateOf(instant) : query.asOf;
  if (axis === 'occurred') {
    return { axis, date, includes: (event) => decodeIntakeEvent(event).data.occurredOn <= date };
  }
  return {
    axis,
    date,
    includes: instant ? (event) => event.created <= instant : (event) => brusselsDateOf(event.created) <= date,
  };
}
