import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  Column,
  Entity,
  PrimaryColumn,
  type DataSource,
  type EntityManager,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import {
  comparePositions,
  type EventData,
  type EventStore,
  type JsonObject,
  type Position,
  type RecordedEvent,
} from '../../src/shared/event-store';
import {
  defineRowProjection,
  ProjectedRow,
  type ProjectionHandler,
  type ProjectionRunner,
  type ProjectionLogger,
} from '../../src/shared/projections';

/**
 * Read models for the projection runner's tests, chosen so that a lost or doubled event shows: a row projection that
 * keeps every applied event id per case (a list), and a set-based counter per event type that is not idempotent on
 * its own (only the checkpoint committed in the same transaction keeps it exact).
 */
@Entity('test_case_timeline')
export class CaseTimelineRow extends ProjectedRow {
  @PrimaryColumn('text', { name: 'case_id' })
  caseId!: string;

  @Column('integer', { name: 'note_count' })
  noteCount!: number;

  @Column('jsonb', { name: 'event_ids' })
  eventIds!: string[];

  @Column('boolean')
  closed!: boolean;
}

export class ProjectionsTestReadModels1764201600001 implements MigrationInterface {
  readonly name = 'ProjectionsTestReadModels1764201600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE test_case_timeline (
        case_id              text PRIMARY KEY,
        note_count           integer NOT NULL,
        event_ids            jsonb NOT NULL,
        closed               boolean NOT NULL,
        last_applied_commit  numeric(20, 0) NOT NULL,
        last_applied_prepare numeric(20, 0) NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE test_event_type_counts (
        event_type text PRIMARY KEY,
        events     integer NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE test_event_type_counts');
    await queryRunner.query('DROP TABLE test_case_timeline');
  }
}

/** Appears in every case event's data: a log line containing it would be a leak of personal data. */
export const PERSONAL_DATA_MARKER = 'Marie Claes, INSZ 85.07.30-033.61';

export const projectionTestMigrations = [ProjectionsTestReadModels1764201600001];
export const projectionTestEntities = [CaseTimelineRow];

export const CASE_EVENT_TYPES = ['CaseOpened', 'NoteAdded', 'CaseClosed'] as const;

/** Case timeline: filtered on the case event types; a closed case keeps its row (a deleted one would hide doubles). */
export function caseTimelineProjection(version = 1) {
  return defineRowProjection<CaseTimelineRow>({
    name: 'case-timeline',
    version,
    entity: CaseTimelineRow,
    eventTypes: [...CASE_EVENT_TYPES],
    keyOf: (event) => (event.streamId.startsWith('case-') ? event.streamId.slice('case-'.length) : undefined),
    evolve: (row, event) => {
      const base = row ?? { caseId: event.streamId.slice('case-'.length), noteCount: 0, eventIds: [], closed: false };
      const eventIds = [...base.eventIds, event.id];
      switch (event.type) {
        case 'CaseOpened':
          return { ...base, eventIds };
        case 'NoteAdded':
          return { ...base, noteCount: base.noteCount + 1, eventIds };
        case 'CaseClosed':
          return { ...base, closed: true, eventIds };
        default:
          return row && { ...row };
      }
    },
  });
}

export interface CounterHooks {
  /** Runs inside the batch's transaction, after the counts were written and before the commit. */
  readonly insideTransaction?: (events: readonly RecordedEvent[], tx: EntityManager) => Promise<void>;
}

/** Event counts per type over every event (no filter), by set-based SQL: `events = events + n`. */
export function eventTypeCountsProjection(version = 1, hooks: CounterHooks = {}): ProjectionHandler {
  return {
    name: 'event-type-counts',
    version,
    async handle(events, tx) {
      await tx.query(
        `INSERT INTO test_event_type_counts (event_type, events)
         SELECT type, count(*) FROM unnest($1::text[]) AS batch(type) GROUP BY type
         ON CONFLICT (event_type) DO UPDATE SET events = test_event_type_counts.events + excluded.events`,
        [events.map((event) => event.type)],
      );
      await hooks.insideTransaction?.(events, tx);
    },
    async reset(tx) {
      await tx.query('DELETE FROM test_event_type_counts');
    },
  };
}

export interface CaseTimeline {
  readonly caseId: string;
  readonly noteCount: number;
  readonly eventIds: string[];
  readonly closed: boolean;
}

export async function readTimeline(dataSource: Pick<DataSource, 'query'>): Promise<CaseTimeline[]> {
  const rows: { case_id: string; note_count: number; event_ids: string[]; closed: boolean }[] = await dataSource.query(
    'SELECT case_id, note_count, event_ids, closed FROM test_case_timeline ORDER BY case_id',
  );
  return rows.map((row) => ({
    caseId: row.case_id,
    noteCount: row.note_count,
    eventIds: row.event_ids,
    closed: row.closed,
  }));
}

export async function readCounts(dataSource: Pick<DataSource, 'query'>): Promise<Record<string, number>> {
  const rows: { event_type: string; events: number }[] = await dataSource.query(
    'SELECT event_type, events FROM test_event_type_counts ORDER BY event_type',
  );
  return Object.fromEntries(rows.map((row) => [row.event_type, row.events]));
}

/**
 * The read models recomputed in memory from the store's events up to `upTo` (inclusive; default: every event):
 * what an exact projection whose checkpoint is `upTo` must hold.
 */
export async function expectedReadModels(
  eventStore: EventStore,
  upTo?: Position | 'start',
): Promise<{ timeline: CaseTimeline[]; counts: Record<string, number>; events: number; caseEvents: number }> {
  const all: RecordedEvent[] = [];
  if (upTo !== 'start') {
    for (let from: 'start' | Position = 'start'; ;) {
      const page = await eventStore.readAll({ fromPosition: from, maxCount: 1000 });
      const fresh = from === 'start' ? page : page.slice(1);
      all.push(...fresh.filter((event) => upTo === undefined || comparePositions(event.position, upTo) <= 0));
      const last = page[page.length - 1];
      if (fresh.length === 0 || !last || (upTo !== undefined && comparePositions(last.position, upTo) >= 0)) break;
      from = last.position;
    }
  }
  const counts: Record<string, number> = {};
  const timeline = new Map<string, CaseTimeline>();
  let caseEvents = 0;
  for (const event of all) {
    if (event.type.startsWith('$')) continue;
    counts[event.type] = (counts[event.type] ?? 0) + 1;
    if (!event.streamId.startsWith('case-') || !(CASE_EVENT_TYPES as readonly string[]).includes(event.type)) continue;
    caseEvents += 1;
    const caseId = event.streamId.slice('case-'.length);
    const row = timeline.get(caseId) ?? { caseId, noteCount: 0, eventIds: [], closed: false };
    timeline.set(caseId, {
      caseId,
      noteCount: row.noteCount + (event.type === 'NoteAdded' ? 1 : 0),
      eventIds: [...row.eventIds, event.id],
      closed: row.closed || event.type === 'CaseClosed',
    });
  }
  return {
    timeline: [...timeline.values()].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0)),
    counts,
    events: Object.values(counts).reduce((sum, n) => sum + n, 0),
    caseEvents,
  };
}

/**
 * Asserts the exactness invariant of both test read models: each equals the fold of exactly the events up to its
 * own committed checkpoint (nothing lost, nothing doubled), whatever the subscriptions have delivered meanwhile.
 * Returns the number of events each checkpoint covers.
 */
export async function expectReadModelsAtCheckpoints(
  dataSource: DataSource,
  eventStore: EventStore,
): Promise<{ counted: number; caseEvents: number }> {
  // One snapshot of checkpoints and rows, so that a runner committing meanwhile cannot skew the comparison. Only
  // this connection is used inside the transaction: on PGlite, awaiting another one there would deadlock.
  const snapshot = await dataSource.transaction('REPEATABLE READ', async (tx) => {
    const checkpoints = await tx.query<
      { name: string; commit_position: string | null; prepare_position: string | null }[]
    >('SELECT name, commit_position, prepare_position FROM projection_checkpoints');
    const checkpointOf = (name: string): Position | 'start' => {
      const row = checkpoints.find((candidate) => candidate.name === name);
      return row?.commit_position && row.prepare_position
        ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) }
        : 'start';
    };
    return {
      countsAt: checkpointOf('event-type-counts'),
      timelineAt: checkpointOf('case-timeline'),
      counts: await readCounts(tx),
      timeline: await readTimeline(tx),
    };
  });
  // The runner may have applied events that `readAll` shows a moment later: a transaction elsewhere on the server
  // can hold back what readers see. A read model that still differs after that is wrong.
  const deadline = Date.now() + 30_000;
  let counts = await expectedReadModels(eventStore, snapshot.countsAt);
  let timeline = await expectedReadModels(eventStore, snapshot.timelineAt);
  while (
    Date.now() < deadline &&
    (!isDeepStrictEqual(snapshot.counts, counts.counts) || !isDeepStrictEqual(snapshot.timeline, timeline.timeline))
  ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    counts = await expectedReadModels(eventStore, snapshot.countsAt);
    timeline = await expectedReadModels(eventStore, snapshot.timelineAt);
  }
  expect(snapshot.counts).toEqual(counts.counts);
  expect(snapshot.timeline).toEqual(timeline.timeline);
  return { counted: counts.events, caseEvents: timeline.caseEvents };
}

/**
 * Waits until readers can see `position`: a transaction anywhere on the PostgreSQL server (another test's, say) can
 * hold back what subscriptions and `readAll` deliver for a moment.
 */
export async function waitUntilVisible(eventStore: EventStore, position: Position): Promise<void> {
  await eventually(
    'the appended events to become visible',
    () => eventStore.readAll({ direction: 'backwards', maxCount: 1 }),
    ([head]) => head !== undefined && comparePositions(head.position, position) >= 0,
  );
}

export type AppendedCases = Awaited<ReturnType<typeof appendCases>>;

/**
 * Waits until the runner's test projections have applied `appended` (the counter its last event, the timeline its
 * last case event). Use this rather than a `live` status: a long transaction anywhere on the PostgreSQL server holds
 * back what subscriptions may deliver, so "live" can come before recent appends are visible.
 */
export async function waitForAppended(runner: ProjectionRunner, appended: AppendedCases): Promise<void> {
  const names = new Set(runner.status().map((status) => status.name));
  if (names.has('event-type-counts')) {
    expect(await runner.waitFor('event-type-counts', appended.lastPosition, 60_000)).toBe(true);
  }
  if (names.has('case-timeline')) {
    expect(await runner.waitFor('case-timeline', appended.lastCasePosition, 60_000)).toBe(true);
  }
}

function caseEvent(type: string, data: JsonObject = {}): EventData {
  return { id: randomUUID(), type, data, metadata: { occurredAt: new Date().toISOString() } };
}

/**
 * Appends `cases` case streams (opened, `notes` notes, closed) and one referral stream per case, which the timeline
 * projection's filter skips. Case data carries a marker that must never reach logs.
 */
export async function appendCases(
  eventStore: EventStore,
  cases: number,
  notes = 2,
): Promise<{ caseIds: string[]; lastPosition: Position; lastCasePosition: Position; lastNotePosition: Position }> {
  const caseIds: string[] = [];
  let lastPosition: Position = { commit: 0n, prepare: 0n };
  let lastCasePosition = lastPosition;
  let lastNotePosition = lastPosition;
  for (let index = 0; index < cases; index += 1) {
    const caseId = randomUUID();
    caseIds.push(caseId);
    const events = [
      caseEvent('CaseOpened', { client: PERSONAL_DATA_MARKER }),
      ...Array.from({ length: notes }, () => caseEvent('NoteAdded', { note: PERSONAL_DATA_MARKER })),
      caseEvent('CaseClosed'),
    ];
    ({ position: lastCasePosition } = await eventStore.appendToStream(`case-${caseId}`, events, {
      expectedRevision: 'no_stream',
    }));
    if (notes > 0) {
      const [closed, lastNote] = await eventStore.readStream(`case-${caseId}`, { direction: 'backwards', maxCount: 2 });
      if (closed && lastNote) lastNotePosition = lastNote.position;
    }
    const referral = await eventStore.appendToStream(`referral-${randomUUID()}`, [caseEvent('ReferralSent')], {
      expectedRevision: 'no_stream',
    });
    lastPosition = referral.position;
  }
  return { caseIds, lastPosition, lastCasePosition, lastNotePosition };
}

export interface CapturedLogger extends ProjectionLogger {
  readonly lines: string[];
}

export function captureLogger(): CapturedLogger {
  const lines: string[] = [];
  return {
    lines,
    log: (message) => lines.push(`log ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    error: (message) => lines.push(`error ${message}`),
  };
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T> | T,
  condition: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (condition(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${describe(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner));
  } catch {
    return String(value);
  }
}
