import { type EntityManager, In } from 'typeorm';
import type { ClientPersonalDataErased } from '../../clients';
import { comparePositions, type Position, type RecordedEvent } from '../../shared/event-store';
import type { ProjectionHandler, RowState } from '../../shared/projections';
// The referral capability's index holds its events and vocabularies only (not its module, which imports this one).
import { decodeReferralEvent, REFERRAL_EVENT_TYPES, REFERRAL_STATUS_AFTER } from '../../referral';
import { decodeIntakeEvent } from '../domain/intake.decoder';
import { INTAKE_EVENT_TYPES } from '../domain/intake.events';
import { IntakeTrajectoryRow } from './intake-trajectory.row';
import { evolveDetail, type TrajectoryDetail, withoutPersonalData } from './trajectory-detail';
import { TrajectoryReferralRow } from './trajectory-referral.row';

export const INTAKE_TRAJECTORIES_PROJECTION = 'intake.trajectories';

type TrajectoryState = RowState<IntakeTrajectoryRow>;
type ReferralState = RowState<TrajectoryReferralRow>;

interface Applied<State> {
  readonly state: State;
  readonly position: Position;
}

const INTAKE_TYPES = new Set<string>(INTAKE_EVENT_TYPES);
const REFERRAL_TYPES = new Set<string>(REFERRAL_EVENT_TYPES);
const ERASED: ClientPersonalDataErased['type'] = 'ClientPersonalDataErased';

/**
 * The trajectories read model (`intake_trajectories`, `intake_trajectory_referrals`): the caseload, the detail with
 * its timeline, and the status of the referrals sent from each trajectory. One projection for all three event
 * sources, so that they apply in `$all` order with one checkpoint: a person's erasure always lands after the needs it
 * scrubs, on a rebuild too. Each row skips events at or before the last one applied to it (re-delivery is a no-op).
 */
export const intakeTrajectoriesProjection: ProjectionHandler = {
  name: INTAKE_TRAJECTORIES_PROJECTION,
  // 2: the timeline shows a transfer's `receivingCaseworkerId` (stored as `caseworkerId` before): rebuilt.
  version: 2,
  filter: { on: 'eventType', prefixes: [...INTAKE_EVENT_TYPES, ...REFERRAL_EVENT_TYPES, ERASED] },

  async handle(events: readonly RecordedEvent[], tx: EntityManager): Promise<void> {
    const trajectoryIds = new Set<string>();
    const referralIds = new Set<string>();
    const erasedClients = new Set<string>();
    for (const event of events) {
      if (INTAKE_TYPES.has(event.type)) trajectoryIds.add(idOf(event, 'trajectoryId'));
      else if (REFERRAL_TYPES.has(event.type)) referralIds.add(idOf(event, 'referralId'));
      else if (event.type === ERASED) erasedClients.add(idOf(event, 'clientId'));
    }
    if (trajectoryIds.size + referralIds.size + erasedClients.size === 0) return;

    const trajectories = await loadTrajectories(tx, trajectoryIds, erasedClients);
    const referrals = await loadReferrals(tx, referralIds);
    const changedTrajectories = new Set<string>();
    const changedReferrals = new Set<string>();
    const apply = <State>(
      rows: Map<string, Applied<State>>,
      changed: Set<string>,
      key: string,
      event: RecordedEvent,
      evolve: (state: State | undefined) => State | undefined,
    ) => {
      const before = rows.get(key);
      if (before && comparePositions(event.position, before.position) <= 0) return;
      const state = evolve(before?.state);
      if (state === undefined) return;
      rows.set(key, { state, position: event.position });
      changed.add(key);
    };

    for (const event of events) {
      if (INTAKE_TYPES.has(event.type)) {
        apply(trajectories, changedTrajectories, idOf(event, 'trajectoryId'), event, (row) =>
          evolveTrajectory(row, event),
        );
      } else if (REFERRAL_TYPES.has(event.type)) {
        apply(referrals, changedReferrals, idOf(event, 'referralId'), event, (row) => evolveReferral(row, event));
      } else if (event.type === ERASED) {
        const clientId = idOf(event, 'clientId');
        for (const [key, row] of trajectories) {
          if (row.state.clientId !== clientId) continue;
          apply(trajectories, changedTrajectories, key, event, (state) => state && erased(state));
        }
      }
    }

    await upsert(tx, IntakeTrajectoryRow, 'trajectoryId', changedTrajectories, trajectories);
    await upsert(tx, TrajectoryReferralRow, 'referralId', changedReferrals, referrals);
  },

  async reset(tx: EntityManager): Promise<void> {
    await tx.createQueryBuilder().delete().from(TrajectoryReferralRow).execute();
    await tx.createQueryBuilder().delete().from(IntakeTrajectoryRow).execute();
  },
};

/** Pure: the trajectory's row after one of its events (`UndecodableEvent` stops the projection: no holes). */
export function evolveTrajectory(row: TrajectoryState | undefined, event: RecordedEvent): TrajectoryState | undefined {
  const detail = evolveDetail(row?.detail, event, decodeIntakeEvent(event));
  if (!detail) return undefined;
  const personalDataErased = row?.personalDataErased ?? false;
  return rowOf(personalDataErased ? withoutPersonalData(detail) : detail, personalDataErased);
}

/** Pure: the trajectory's row once its person's personal data was erased. */
export function erased(row: TrajectoryState): TrajectoryState {
  return rowOf(withoutPersonalData(row.detail), true);
}

/** Pure: the referral's row after one of its events; events of referrals never sent are ignored. */
export function evolveReferral(row: ReferralState | undefined, recorded: RecordedEvent): ReferralState | undefined {
  const event = decodeReferralEvent(recorded);
  if (event.type === 'ReferralSent') {
    return {
      referralId: event.data.referralId,
      trajectoryId: event.data.trajectoryId,
      toOrganisationId: event.data.toOrganisationId,
      service: event.data.service,
      lifeDomain: event.data.lifeDomain,
      status: 'sent',
      sentOn: event.data.occurredOn,
      dueOn: event.data.dueOn,
      statusSince: event.data.occurredOn,
    };
  }
  return row && { ...row, status: REFERRAL_STATUS_AFTER[event.type], statusSince: event.data.occurredOn };
}

function rowOf(detail: TrajectoryDetail, personalDataErased: boolean): TrajectoryState {
  return {
    trajectoryId: detail.trajectoryId,
    clientId: detail.clientId,
    organisationId: detail.organisationId,
    caseworkerId: detail.caseworkerId,
    status: detail.status,
    origin: detail.origin,
    openedOn: detail.openedOn,
    closedOn: detail.closedOn,
    lastActivityOn: detail.lastActivityOn,
    detail,
    personalDataErased,
    revision: BigInt(detail.revision),
  };
}

function idOf(event: RecordedEvent, field: string): string {
  const id = event.data[field];
  if (typeof id !== 'string') throw new Error(`${event.type} has no ${field}`);
  return id;
}

async function loadTrajectories(
  tx: EntityManager,
  trajectoryIds: ReadonlySet<string>,
  clientIds: ReadonlySet<string>,
): Promise<Map<string, Applied<TrajectoryState>>> {
  const where = [
    ...(trajectoryIds.size > 0 ? [{ trajectoryId: In([...trajectoryIds]) }] : []),
    ...(clientIds.size > 0 ? [{ clientId: In([...clientIds]) }] : []),
  ];
  const rows = where.length === 0 ? [] : await tx.getRepository(IntakeTrajectoryRow).find({ where });
  return new Map(rows.map((row) => [row.trajectoryId, applied(row)]));
}

async function loadReferrals(
  tx: EntityManager,
  referralIds: ReadonlySet<string>,
): Promise<Map<string, Applied<ReferralState>>> {
  if (referralIds.size === 0) return new Map();
  const rows = await tx.getRepository(TrajectoryReferralRow).findBy({ referralId: In([...referralIds]) });
  return new Map(rows.map((row) => [row.referralId, applied(row)]));
}

function applied<Row extends { lastAppliedCommit: bigint; lastAppliedPrepare: bigint }>(
  row: Row,
): Applied<Omit<Row, 'lastAppliedCommit' | 'lastAppliedPrepare'>> {
  const { lastAppliedCommit, lastAppliedPrepare, ...state } = row;
  return { state, position: { commit: lastAppliedCommit, prepare: lastAppliedPrepare } };
}

async function upsert<State extends object>(
  tx: EntityManager,
  entity: typeof IntakeTrajectoryRow | typeof TrajectoryReferralRow,
  key: string,
  changed: ReadonlySet<string>,
  rows: ReadonlyMap<string, Applied<State>>,
): Promise<void> {
  if (changed.size === 0) return;
  const values = [...changed].map((id) => {
    const { state, position } = rows.get(id)!;
    return { ...state, lastAppliedCommit: position.commit, lastAppliedPrepare: position.prepare };
  });
  await tx.upsert(entity, values, { conflictPaths: [key], skipUpdateIfNoValuesChanged: false });
}
