import type { LifeDomain } from '../../shared/domain/life-domains';
import type { CalendarDate } from '../../shared/domain/calendar';
import type { SealedPersonalData } from '../../shared/domain/sealed-personal-data';
import type { JsonValue, RecordedEvent } from '../../shared/event-store';
import type { RightStatus } from '../domain/intake.decider';
import type { IntakeEvent } from '../domain/intake.events';
import type {
  IntakeOrigin,
  IntakeOutcome,
  ProactiveSignalSource,
  ProblemFlag,
  RightRefusalReason,
  UnmetNeedReason,
} from '../domain/intake.values';

export interface AssessmentDetail {
  readonly assessmentId: string;
  readonly assessedOn: CalendarDate;
  readonly scores: Partial<Record<LifeDomain, number>>;
  readonly problemFlags: readonly ProblemFlag[];
}

export interface NeedDetail {
  readonly needId: string;
  readonly lifeDomain: LifeDomain;
  readonly recordedOn: CalendarDate;
  /** Sealed with the person's key; null when none was given, and after the person's erasure. */
  readonly description: SealedPersonalData | null;
}

export interface RightDetail {
  readonly rightId: string;
  readonly lifeDomain: LifeDomain;
  readonly needId: string | null;
  readonly status: RightStatus;
  readonly exploredOn: CalendarDate;
  /** The latest application's date. */
  readonly appliedOn: CalendarDate | null;
  readonly grantedOn: CalendarDate | null;
  readonly amountCents: number | null;
  readonly grantedUntil: CalendarDate | null;
  /** The latest refusal. */
  readonly refusedOn: CalendarDate | null;
  readonly refusalReason: RightRefusalReason | null;
}

export interface UnmetNeedDetail {
  readonly unmetNeedId: string;
  readonly lifeDomain: LifeDomain;
  readonly reason: UnmetNeedReason;
  readonly needId: string | null;
  readonly signalledOn: CalendarDate;
}

/** One event of the trajectory, as the timeline shows it: its facts, never a sealed text. */
export interface TimelineEntry {
  readonly revision: number;
  readonly type: IntakeEvent['type'];
  readonly occurredOn: CalendarDate;
  /** When the store recorded it (ISO-8601 UTC). */
  readonly recordedAt: string;
  /** The user and organisation that recorded it. */
  readonly recordedBy: string | null;
  readonly recordingOrganisationId: string | null;
  /** The event's own facts (ids, codes, dates), without the trajectory id, date and any sealed text. */
  readonly facts: { readonly [key: string]: JsonValue };
}

/**
 * A trajectory in detail, as its events tell it: what the detail read model stores (JSON) and what the as-of query
 * folds from the stream. Free text stays sealed here; the query opens it per request.
 */
export interface TrajectoryDetail {
  readonly trajectoryId: string;
  readonly clientId: string;
  readonly organisationId: string;
  readonly caseworkerId: string | null;
  readonly status: 'open' | 'closed';
  readonly origin: IntakeOrigin;
  readonly referringOrganisationId: string | null;
  readonly signalSource: ProactiveSignalSource | null;
  readonly openedOn: CalendarDate;
  readonly closedOn: CalendarDate | null;
  readonly outcome: IntakeOutcome | null;
  /** The latest date any of its facts happened on. */
  readonly lastActivityOn: CalendarDate;
  readonly assessments: readonly AssessmentDetail[];
  readonly needs: readonly NeedDetail[];
  readonly rights: readonly RightDetail[];
  readonly unmetNeeds: readonly UnmetNeedDetail[];
  readonly timeline: readonly TimelineEntry[];
  /** The stream revision of the last event folded in. */
  readonly revision: number;
}

/**
 * Folds one event of the trajectory's stream into its detail (undefined before the opening): `event` is `recorded`
 * decoded (`decodeIntakeEvent`), `recorded` gives its revision, time and author.
 */
export function evolveDetail(
  detail: TrajectoryDetail | undefined,
  recorded: RecordedEvent,
  event: IntakeEvent,
): TrajectoryDetail | undefined {
  if (event.type === 'IntakeOpened') {
    const { data } = event;
    return {
      trajectoryId: data.trajectoryId,
      clientId: data.clientId,
      organisationId: data.organisationId,
      caseworkerId: data.caseworkerId,
      status: 'open',
      origin: data.origin,
      referringOrganisationId: data.referringOrganisationId,
      signalSource: data.signalSource,
      openedOn: data.occurredOn,
      closedOn: null,
      outcome: null,
      lastActivityOn: data.occurredOn,
      assessments: [],
      needs: [],
      rights: [],
      unmetNeeds: [],
      timeline: [timelineEntry(recorded, event)],
      revision: Number(recorded.revision),
    };
  }
  if (!detail) return undefined;
  const next: TrajectoryDetail = {
    ...detail,
    lastActivityOn: event.data.occurredOn > detail.lastActivityOn ? event.data.occurredOn : detail.lastActivityOn,
    timeline: [...detail.timeline, timelineEntry(recorded, event)],
    revision: Number(recorded.revision),
  };
  const on = event.data.occurredOn;
  switch (event.type) {
    case 'LifeDomainsAssessed':
      return {
        ...next,
        assessments: [
          ...next.assessments,
          {
            assessmentId: event.data.assessmentId,
            assessedOn: on,
            scores: event.data.scores,
            problemFlags: event.data.problemFlags,
          },
        ],
      };
    case 'NeedRecorded':
      return {
        ...next,
        needs: [
          ...next.needs,
          {
            needId: event.data.needId,
            lifeDomain: event.data.lifeDomain,
            recordedOn: on,
            description: event.data.description,
          },
        ],
      };
    case 'RightExplored':
      return {
        ...next,
        rights: [
          ...next.rights,
          {
            rightId: event.data.rightId,
            lifeDomain: event.data.lifeDomain,
            needId: event.data.needId,
            status: 'explored',
            exploredOn: on,
            appliedOn: null,
            grantedOn: null,
            amountCents: null,
            grantedUntil: null,
            refusedOn: null,
            refusalReason: null,
          },
        ],
      };
    case 'RightApplied':
      return withRight(next, event.data.rightId, { status: 'applied', appliedOn: on });
    case 'RightGranted':
      return withRight(next, event.data.rightId, {
        status: 'granted',
        grantedOn: on,
        amountCents: event.data.amountCents,
        grantedUntil: event.data.grantedUntil,
      });
    case 'RightRefused':
      return withRight(next, event.data.rightId, {
        status: 'refused',
        refusedOn: on,
        refusalReason: event.data.reason,
      });
    case 'UnmetNeedSignalled':
      return {
        ...next,
        unmetNeeds: [
          ...next.unmetNeeds,
          {
            unmetNeedId: event.data.unmetNeedId,
            lifeDomain: event.data.lifeDomain,
            reason: event.data.reason,
            needId: event.data.needId,
            signalledOn: on,
          },
        ],
      };
    case 'CaseworkerAssigned':
      return { ...next, caseworkerId: event.data.caseworkerId };
    case 'ResponsibilityTransferred':
      return { ...next, organisationId: event.data.toOrganisationId, caseworkerId: event.data.receivingCaseworkerId };
    case 'IntakeClosed':
      return { ...next, status: 'closed', closedOn: on, outcome: event.data.outcome };
    case 'IntakeReopened':
      return { ...next, status: 'open', closedOn: null, outcome: null };
  }
}

/** The person's personal data was erased: no sealed text stays in the detail. */
export function withoutPersonalData(detail: TrajectoryDetail): TrajectoryDetail {
  return { ...detail, needs: detail.needs.map((need) => ({ ...need, description: null })) };
}

function withRight(detail: TrajectoryDetail, rightId: string, change: Partial<RightDetail>): TrajectoryDetail {
  return {
    ...detail,
    rights: detail.rights.map((right) => (right.rightId === rightId ? { ...right, ...change } : right)),
  };
}

const NOT_A_FACT = new Set(['trajectoryId', 'occurredOn', 'description']);

function timelineEntry(recorded: RecordedEvent, event: IntakeEvent): TimelineEntry {
  const facts = Object.fromEntries(Object.entries(event.data).filter(([name]) => !NOT_A_FACT.has(name)));
  const text = (value: JsonValue | undefined) => (typeof value === 'string' ? value : null);
  return {
    revision: Number(recorded.revision),
    type: event.type,
    occurredOn: event.data.occurredOn,
    recordedAt: recorded.created.toISOString(),
    recordedBy: text(recorded.metadata.actorId),
    recordingOrganisationId: text(recorded.metadata.organisationId),
    facts,
  };
}
