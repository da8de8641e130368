import { ApiProperty } from '@nestjs/swagger';
import { ClientNameView } from '../../clients';
import { LIFE_DOMAINS, type LifeDomain } from '../../shared/domain/life-domains';
import type { CalendarDate } from '../../shared/domain/calendar';
import { daysBetween } from '../common/days';
import type { RightStatus } from '../domain/intake.decider';
import { INTAKE_EVENT_TYPES } from '../domain/intake.events';
import {
  INTAKE_ORIGINS,
  INTAKE_OUTCOMES,
  type IntakeOrigin,
  type IntakeOutcome,
  PROACTIVE_SIGNAL_SOURCES,
  PROBLEM_FLAGS,
  type ProactiveSignalSource,
  type ProblemFlag,
  RIGHT_REFUSAL_REASONS,
  type RightRefusalReason,
  UNMET_NEED_REASONS,
  type UnmetNeedReason,
} from '../domain/intake.values';
import type { TrajectoryReferralRow } from '../intake-trajectories/trajectory-referral.row';
import type { TimelineEntry, TrajectoryDetail } from '../intake-trajectories/trajectory-detail';

const RIGHT_STATUSES: readonly RightStatus[] = ['explored', 'applied', 'granted', 'refused'];

export class AssessmentView {
  @ApiProperty({ format: 'uuid' }) assessmentId!: string;
  @ApiProperty({ format: 'date' }) assessedOn!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 1, maximum: 5 },
    description: 'Score per assessed life domain.',
  })
  scores!: Partial<Record<LifeDomain, number>>;
  @ApiProperty({ enum: PROBLEM_FLAGS, isArray: true }) problemFlags!: ProblemFlag[];
}

export class NeedView {
  @ApiProperty({ format: 'uuid' }) needId!: string;
  @ApiProperty({ enum: LIFE_DOMAINS }) lifeDomain!: LifeDomain;
  @ApiProperty({ format: 'date' }) recordedOn!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null when none was given, or once the person is erased.' })
  description!: string | null;
}

export class RightView {
  @ApiProperty({ format: 'uuid' }) rightId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Its name in the rights catalogue.' })
  rightName!: string | null;
  @ApiProperty({ enum: LIFE_DOMAINS }) lifeDomain!: LifeDomain;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) needId!: string | null;
  @ApiProperty({ enum: RIGHT_STATUSES }) status!: RightStatus;
  @ApiProperty({ format: 'date' }) exploredOn!: string;
  @ApiProperty({ format: 'date', type: String, nullable: true, description: 'The latest application.' })
  appliedOn!: string | null;
  @ApiProperty({ format: 'date', type: String, nullable: true }) grantedOn!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Euro cents per period.' }) amountCents!: number | null;
  @ApiProperty({ format: 'date', type: String, nullable: true }) grantedUntil!: string | null;
  @ApiProperty({ format: 'date', type: String, nullable: true, description: 'The latest refusal.' })
  refusedOn!: string | null;
  @ApiProperty({ enum: RIGHT_REFUSAL_REASONS, nullable: true }) refusalReason!: RightRefusalReason | null;
}

export class UnmetNeedView {
  @ApiProperty({ format: 'uuid' }) unmetNeedId!: string;
  @ApiProperty({ enum: LIFE_DOMAINS }) lifeDomain!: LifeDomain;
  @ApiProperty({ enum: UNMET_NEED_REASONS }) reason!: UnmetNeedReason;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) needId!: string | null;
  @ApiProperty({ format: 'date' }) signalledOn!: string;
}

/** The closed loop: a referral sent from the trajectory and where it stands. */
export class TrajectoryReferralView {
  @ApiProperty({ format: 'uuid' }) referralId!: string;
  @ApiProperty({ format: 'uuid' }) toOrganisationId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Its name in the organisation directory.' })
  toOrganisationName!: string | null;
  @ApiProperty({ type: String, nullable: true }) service!: string | null;
  @ApiProperty({ enum: LIFE_DOMAINS }) lifeDomain!: LifeDomain;
  @ApiProperty({ description: 'The status its last event gives (sent, accepted, declined, …).' }) status!: string;
  @ApiProperty({ format: 'date' }) sentOn!: string;
  @ApiProperty({ format: 'date', description: "The receiver's response deadline." }) dueOn!: string;
  @ApiProperty({ description: 'Still `sent` after `dueOn` (computed today).' }) overdue!: boolean;
}

export class TimelineEntryView {
  @ApiProperty({ type: 'integer', description: 'The revision of the event in the trajectory.' }) revision!: number;
  @ApiProperty({ enum: INTAKE_EVENT_TYPES }) type!: string;
  @ApiProperty({ format: 'date', description: 'When it happened.' }) occurredOn!: string;
  @ApiProperty({ format: 'date-time', description: 'When it was recorded.' }) recordedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The user who recorded it.' }) recordedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) recordingOrganisationId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The event's facts (never free text)." })
  facts!: TimelineEntry['facts'];
}

export class AsOfView {
  @ApiProperty({ description: 'The date or instant asked for.' }) asOf!: string;
  @ApiProperty({ enum: ['occurred', 'recorded'] }) axis!: 'occurred' | 'recorded';
}

/** A trajectory in detail, for the social workers of its responsible organisation. Every read is access-logged. */
export class TrajectoryView {
  @ApiProperty({ format: 'uuid' }) trajectoryId!: string;
  @ApiProperty({ format: 'uuid' }) clientId!: string;
  @ApiProperty({
    type: ClientNameView,
    nullable: true,
    description:
      'The person’s name; null when your organisation may not see the person (docs/clients.md) or they are erased.',
  })
  clientName!: ClientNameView | null;
  @ApiProperty({ description: 'The organisation responsible (after transfers).' }) organisationId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Its name in the organisation directory.' })
  organisationName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The caseworker's user id." })
  caseworkerId!: string | null;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty({ enum: INTAKE_ORIGINS }) origin!: IntakeOrigin;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) referringOrganisationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) referringOrganisationName!: string | null;
  @ApiProperty({ enum: PROACTIVE_SIGNAL_SOURCES, nullable: true }) signalSource!: ProactiveSignalSource | null;
  @ApiProperty({ format: 'date' }) openedOn!: string;
  @ApiProperty({ format: 'date', type: String, nullable: true }) closedOn!: string | null;
  @ApiProperty({ enum: INTAKE_OUTCOMES, nullable: true }) outcome!: IntakeOutcome | null;
  @ApiProperty({ format: 'date', description: 'The latest date one of its facts happened on.' })
  lastActivityOn!: string;
  @ApiProperty({
    type: 'integer',
    description: 'Days from the opening to the closure, or to today (or the as-of date) while open.',
  })
  daysOpen!: number;
  @ApiProperty({ type: [AssessmentView] }) assessments!: AssessmentView[];
  @ApiProperty({ type: [NeedView] }) needs!: NeedView[];
  @ApiProperty({ type: [RightView] }) rights!: RightView[];
  @ApiProperty({ type: [UnmetNeedView] }) unmetNeeds!: UnmetNeedView[];
  @ApiProperty({
    type: [TrajectoryReferralView],
    nullable: true,
    description: 'The referrals sent from it; null in an as-of answer (referrals are not part of its history).',
  })
  referrals!: TrajectoryReferralView[] | null;
  @ApiProperty({ type: [TimelineEntryView], description: 'Every event, in the order recorded.' })
  timeline!: TimelineEntryView[];
  @ApiProperty({ type: AsOfView, nullable: true, description: 'Set when this is the trajectory as of a moment.' })
  asOf!: AsOfView | null;
  @ApiProperty({
    type: 'integer',
    description: 'The revision of the last event shown; also the ETag of a current answer.',
  })
  revision!: number;
}

export interface TrajectoryViewParts {
  readonly detail: TrajectoryDetail;
  /** Need id → its opened description. */
  readonly descriptions: ReadonlyMap<string, string | null>;
  readonly referrals: readonly TrajectoryReferralRow[] | null;
  /** The date days open and overdue are counted to. */
  readonly today: CalendarDate;
  readonly asOf: AsOfView | null;
  readonly names: TrajectoryNames;
}

/** The names beside the ids of a trajectory (docs/adr/0027), looked up when it is read. */
export interface TrajectoryNames {
  /** Null when the reader's organisation may not see the person. */
  readonly client: ClientNameView | null;
  readonly organisations: ReadonlyMap<string, string>;
  readonly rights: ReadonlyMap<string, string>;
}

export function trajectoryViewOf({
  detail,
  descriptions,
  referrals,
  today,
  asOf,
  names,
}: TrajectoryViewParts): TrajectoryView {
  const organisationName = (id: string | null) => (id === null ? null : (names.organisations.get(id) ?? null));
  return {
    trajectoryId: detail.trajectoryId,
    clientId: detail.clientId,
    clientName: names.client,
    organisationId: detail.organisationId,
    organisationName: organisationName(detail.organisationId),
    caseworkerId: detail.caseworkerId,
    status: detail.status,
    origin: detail.origin,
    referringOrganisationId: detail.referringOrganisationId,
    referringOrganisationName: organisationName(detail.referringOrganisationId),
    signalSource: detail.signalSource,
    openedOn: detail.openedOn,
    closedOn: detail.closedOn,
    outcome: detail.outcome,
    lastActivityOn: detail.lastActivityOn,
    daysOpen: daysOpen(detail, today),
    assessments: detail.assessments.map((assessment) => ({
      ...assessment,
      scores: { ...assessment.scores },
      problemFlags: [...assessment.problemFlags],
    })),
    needs: detail.needs.map((need) => ({ ...need, description: descriptions.get(need.needId) ?? null })),
    rights: detail.rights.map((right) => ({ ...right, rightName: names.rights.get(right.rightId) ?? null })),
    unmetNeeds: detail.unmetNeeds.map((unmetNeed) => ({ ...unmetNeed })),
    referrals:
      referrals?.map((referral) => ({
        referralId: referral.referralId,
        toOrganisationId: referral.toOrganisationId,
        toOrganisationName: organisationName(referral.toOrganisationId),
        service: referral.service,
        lifeDomain: referral.lifeDomain as LifeDomain,
        status: referral.status,
        sentOn: referral.sentOn,
        dueOn: referral.dueOn,
        overdue: referral.status === 'sent' && today > referral.dueOn,
      })) ?? null,
    timeline: detail.timeline.map((entry) => ({ ...entry })),
    asOf,
    revision: detail.revision,
  };
}

/** From the opening to the closure, or to `today` while open (the first opening: a reopening continues it). */
export function daysOpen(trajectory: Pick<TrajectoryDetail, 'openedOn' | 'closedOn'>, today: CalendarDate): number {
  return Math.max(0, daysBetween(trajectory.openedOn, trajectory.closedOn ?? today));
}
