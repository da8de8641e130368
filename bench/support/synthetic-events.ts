import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { JsonObject, RecordedEvent } from '../../src/shared/event-store';
import type { BenchDatabase } from './databases';
import { ensureTransactionIds } from './databases';
import type { HistoryEvent } from './w13-history';

/**
 * Synthetic histories loaded by `INSERT … SELECT generate_series` (no client round trips), shaped like what the
 * service writes, so that reading them costs what reading real events would.
 *
 * Transaction ids: each append has its own, below the server's horizon (every event is visible to `$all` readers at
 * once), with a gap every seventh id for the other transactions a live system runs (projection batches), and one
 * pair of neighbouring appends in fifty committed out of order (the later append took the lower id), as concurrent
 * writers do: `$all` order then differs from insertion order there.
 *
 * Ids are fixed-prefix UUIDs numbered in their last group (md5-derived ones made loading three times slower); event
 * ids are random. Global positions are computed (OVERRIDING SYSTEM VALUE) so that two connections can load halves
 * at once, and the identity continues after them.
 */

/** `'<prefix>' || 12 hex digits of expression`: a valid UUID text, cheap to make. */
const uuid = (prefix: string, expression: string) => `'${prefix}' || lpad(to_hex(${expression}), 12, '0')`;

/**
 * Case events as `case-events.ts` makes them: streams `intake-<uuid>` of about ten events each, interleaved (many
 * intakes are open at once); 80% of appends write one event, 15% two, 5% three; about 600 bytes of JSON each.
 */
export async function loadCaseEvents(db: BenchDatabase, count: number): Promise<void> {
  // 1.25 events per append on average: generate a little more than needed, keep the first `count`.
  const appends = Math.ceil(count / 1.15) + 10;
  const streams = Math.max(1, Math.ceil(count / 10));
  const horizon = await ensureTransactionIds(db, appends * 2);
  const lowest = horizon - BigInt(appends * 2);
  const sql = `
    INSERT INTO es_events (global_position, transaction_id, stream_id, stream_revision, event_id, event_type, data,
      metadata, created)
    OVERRIDING SYSTEM VALUE
    SELECT
      r.position,
      ($2::bigint + r.slot + r.slot / 7)::text::xid8,
      'intake-' || r.intake_id,
      r.revision,
      gen_random_uuid(),
      CASE WHEN r.revision = 0 THEN 'IntakeOpened'
        ELSE (ARRAY['NeedRecorded','RightExplored','ReferralSent','AppointmentPlanned','NoteAdded'])[1 + r.revision % 5]
      END,
      jsonb_build_object(
        'intakeId', r.intake_id,
        'organisationId', r.organisation_id,
        'municipalityId', ${uuid('5d1f4c2e-8b7a-4e39-9c61-', 'r.stream_no % 14')},
        'lifeDomain', (ARRAY['finances','debts','housing','energy','health','work_and_education'])[1 + r.revision % 6],
        'sequence', r.revision,
        'note', 'Synthetic benchmark event ' || lpad(to_hex(r.a), 16, '0') || lpad(to_hex(r.k), 16, '0'),
        'referenceIds', jsonb_build_array(${uuid('7a3e5c1b-2d4f-4a6b-8c9d-', 'r.a')},
          ${uuid('7a3e5c1b-2d4f-4a6b-9c9d-', 'r.a * 4 + r.k')})),
      jsonb_build_object(
        'actorId', ${uuid('3c9b2a1d-4e5f-4a7b-8c6d-', 'r.a % 500')},
        'organisationId', r.organisation_id,
        'roles', '["social_worker"]'::jsonb,
        'correlationId', ${uuid('9e8d7c6b-5a4f-4e3d-8c2b-', 'r.a')},
        'occurredAt', to_char(r.created AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
      r.created
    FROM (
      SELECT q.*,
        ${uuid('b4a2c8e6-1f3d-4b5a-9c7e-', 'q.stream_no')} AS intake_id,
        ${uuid('0f6e5d4c-3b2a-4c1d-8e9f-', 'q.stream_no % 40')} AS organisation_id,
        row_number() OVER (PARTITION BY q.stream_no ORDER BY q.a, q.k) - 1 AS revision
      FROM (
        SELECT e.*, row_number() OVER (ORDER BY e.a, e.k) AS position
        FROM (
          SELECT s.a, k, ((s.a::bigint * 7919) % $3)::int AS stream_no,
            -- One pair of neighbouring appends in fifty swaps transaction ids: committed out of order.
            CASE WHEN s.a % 2 = 0 AND abs(hashint4(s.a)) % 50 = 0 THEN s.a + 1
                 WHEN s.a % 2 = 1 AND abs(hashint4(s.a - 1)) % 50 = 0 THEN s.a - 1
                 ELSE s.a END AS slot,
            timestamptz '2025-01-01 00:00:00+00' + s.a * interval '20 seconds' AS created
          FROM (
            SELECT a, CASE WHEN abs(hashint4(a + 7)) % 100 < 80 THEN 1
                           WHEN abs(hashint4(a + 7)) % 100 < 95 THEN 2 ELSE 3 END AS size
            FROM generate_series(0, $4 - 1) AS a
          ) s, generate_series(1, s.size) AS k
        ) e
      ) q
      WHERE q.position <= $1
    ) r
    WHERE r.position % 2 = $5`;
  await load(db, sql, [count, lowest.toString(), streams, appends]);
  await assertLoaded(db, count);
}

/**
 * The organisation directory's history: `organisation-<uuid>` streams, each registered, 40% of them changed later,
 * 10% deactivated later (about 1.5 events per organisation), the later events spread through the log.
 */
export async function loadOrganisationEvents(db: BenchDatabase, count: number): Promise<void> {
  // 1.5 events per organisation on average: generate a little more than needed, keep the first `count`.
  const organisations = Math.ceil(count / 1.4) + 10;
  const horizon = await ensureTransactionIds(db, count * 2);
  const lowest = horizon - BigInt(count * 2);
  const sql = `
    INSERT INTO es_events (global_position, transaction_id, stream_id, stream_revision, event_id, event_type, data,
      metadata, created)
    OVERRIDING SYSTEM VALUE
    SELECT
      x.n,
      ($2::bigint + x.n + x.n / 7)::text::xid8,
      'organisation-' || x.organisation_id,
      x.e,
      gen_random_uuid(),
      x.event_type,
      CASE WHEN x.event_type = 'OrganisationDeactivated' THEN jsonb_build_object('organisationId', x.organisation_id)
        ELSE jsonb_build_object(
          'organisationId', x.organisation_id,
          'name', 'Organisatie ' || x.o,
          'type', x.organisation_type,
          'municipalityId', CASE WHEN x.organisation_type = 'ocmw' THEN ${uuid('5d1f4c2e-8b7a-4e39-9c61-', 'x.o % 14')} END,
          'services', '["integrated broad intake", "debt mediation"]'::jsonb,
          'responseDeadlineDays', CASE WHEN x.e = 0 THEN 30 ELSE 21 END)
      END,
      jsonb_build_object(
        'actorId', ${uuid('3c9b2a1d-4e5f-4a7b-8c6d-', 'x.o % 20')},
        'organisationId', '0f6e5d4c-3b2a-4c1d-8e9f-00000000ad01',
        'roles', '["admin"]'::jsonb,
        'correlationId', ${uuid('9e8d7c6b-5a4f-4e3d-8c2b-', 'x.n')},
        'occurredAt', to_char(x.created AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
      x.created
    FROM (
      SELECT y.*, ${uuid('c1d2e3f4-a5b6-4c7d-8e9f-', 'y.o')} AS organisation_id,
        timestamptz '2025-01-01 00:00:00+00' + y.sort_key * interval '1 minute' AS created
      FROM (
        SELECT z.*, row_number() OVER (ORDER BY z.sort_key, z.o, z.e) AS n
        FROM (
          SELECT o, e,
            (ARRAY['ocmw','caw','dmw','w13_service','external'])[1 + o % 5] AS organisation_type,
            CASE WHEN e = 0 THEN 'OrganisationRegistered'
                 WHEN h < 4 THEN 'OrganisationChanged'
                 ELSE 'OrganisationDeactivated' END AS event_type,
            o + e * ($3 / 3) AS sort_key
          FROM generate_series(0, $3 - 1) AS o,
            LATERAL (SELECT abs(hashint4(o)) % 10 AS h) hh,
            LATERAL generate_series(0, (CASE WHEN h < 4 OR h = 9 THEN 1 ELSE 0 END)) AS e
        ) z
      ) y
      WHERE y.n <= $1
    ) x
    WHERE x.n % 2 = $4`;
  await load(db, sql, [count, lowest.toString(), organisations]);
  await assertLoaded(db, count);
}

/**
 * Runs the load in two halves on two connections at once (the generating expressions are the cost), with the
 * stream indexes dropped meanwhile and rebuilt afterwards under their own names: the same schema, built faster.
 */
async function load(db: BenchDatabase, sql: string, parameters: readonly unknown[]): Promise<void> {
  await loadWith(db, async () => {
    await Promise.all([0, 1].map((half) => db.pool.query(sql, [...parameters, half])));
  });
}

/** The columns a history batch is copied into, in the order `historyRows` writes them. */
const HISTORY_COPY = `COPY es_events (global_position, transaction_id, stream_id, stream_revision, event_id, event_type, data,
  metadata, created) FROM STDIN`;
export const HISTORY_BATCH = 5_000;
/** How many batches the `alongside` work of `loadHistory` may be behind the copies. */
const ALONGSIDE_AHEAD = 4;

/** A value in COPY's text format: JSON has no raw tabs or newlines, so backslashes are all there is to escape. */
const copyText = (value: string) => value.replaceAll('\\', '\\\\');

/**
 * A batch as `COPY … FROM STDIN` text rows: metadata as the command executor writes it (an actor of 500, the
 * organisation, a correlation id, `occurredAt` the recording time). COPY takes the identity column's values as
 * given (as `OVERRIDING SYSTEM VALUE` does) and needs no expression evaluated per row: the fastest bulk path.
 */
function historyRows(batch: readonly RecordedEvent[]): string {
  let text = '';
  batch.forEach((event, index) => {
    const occurredAt = event.created.toISOString();
    const metadata = JSON.stringify({
      actorId: `3c9b2a1d-4e5f-4a7b-8c6d-${(index % 500).toString(16).padStart(12, '0')}`,
      organisationId: event.metadata.organisationId,
      roles: ['social_worker'],
      correlationId: randomUUID(),
      occurredAt,
    });
    text +=
      `${event.position.prepare}\t${event.position.commit}\t${copyText(event.streamId)}\t${event.revision}\t` +
      `${event.id}\t${event.type}\t${copyText(JSON.stringify(event.data))}\t${copyText(metadata)}\t${occurredAt}\n`;
  });
  return text;
}

async function copyHistory(db: BenchDatabase, batch: readonly RecordedEvent[]): Promise<void> {
  const client = await db.pool.connect();
  try {
    await pipeline(Readable.from([historyRows(batch)]), client.query(copyFrom(HISTORY_COPY)));
  } finally {
    client.release();
  }
}

/**
 * The seeded W13 history (`w13-history.ts`) into the event store, in recording order: revisions numbered per stream,
 * one transaction id per event below the horizon (so every event is visible at once), `created` the recording time,
 * metadata as the command executor writes it. `expected` is an upper bound of the number of events (transaction ids
 * are reserved for it; more is an error). Each batch is copied in while Node generates the next; `alongside`, if
 * given, gets every batch as the store will hold it (positions, revisions, `created`), one after the other, and may
 * fall up to `ALONGSIDE_AHEAD` batches behind the copies (so that neither waits for the other's slower batches).
 * Returns the number of events.
 */
export async function loadHistory(
  db: BenchDatabase,
  events: Iterable<HistoryEvent>,
  expected: number,
  alongside?: (batch: readonly RecordedEvent[]) => Promise<void>,
): Promise<number> {
  const horizon = await ensureTransactionIds(db, expected + 1000);
  const lowest = horizon - BigInt(expected + 1000);
  const revisions = new Map<string, number>();
  let count = 0;
  await loadWith(db, async () => {
    let copying: Promise<unknown> = Promise.resolve();
    const behind: Promise<unknown>[] = [];
    // Caught at once and rethrown at the next wait: a failed insert must not become an unhandled rejection.
    let failure: Error | undefined;
    const fail = (error: unknown) => {
      failure ??= error instanceof Error ? error : new Error(String(error));
    };
    let batch: HistoryEvent[] = [];
    const flush = async () => {
      if (count > expected) throw new Error(`the history has more than the ${expected} events reserved for it`);
      const first = count - batch.length;
      const batchRevisions = batch.map((event) => {
        const revision = (revisions.get(event.streamId) ?? -1) + 1;
        revisions.set(event.streamId, revision);
        return revision;
      });
      const recorded = asRecorded(batch, batchRevisions, first, lowest);
      batch = [];
      await copying;
      while (behind.length >= ALONGSIDE_AHEAD) await behind.shift();
      if (failure !== undefined) throw failure;
      copying = copyHistory(db, recorded).catch(fail);
      if (alongside) behind.push(alongside(recorded).catch(fail));
    };
    for (const event of events) {
      batch.push(event);
      count++;
      if (batch.length === HISTORY_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    await Promise.all([copying, ...behind]);
    if (failure !== undefined) throw failure;
  });
  await assertLoaded(db, count);
  return count;
}

/** A batch as `copyHistory` stores it: global position `first + 1 + index`, transaction id `lowest` + that. */
function asRecorded(
  batch: readonly HistoryEvent[],
  revisions: readonly number[],
  first: number,
  lowest: bigint,
): RecordedEvent[] {
  return batch.map((event, index) => {
    const prepare = BigInt(first + 1 + index);
    return {
      streamId: event.streamId,
      revision: BigInt(revisions[index]!),
      id: randomUUID(),
      type: event.type,
      data: event.data as JsonObject,
      metadata: { organisationId: event.organisationId },
      position: { commit: lowest + prepare, prepare },
      created: event.recordedAt,
    };
  });
}

/** Loads with the unique constraints off (rebuilt once at the end), then sets what a live store would have. */
async function loadWith(db: BenchDatabase, fill: () => Promise<void>): Promise<void> {
  await db.pool.query(
    'ALTER TABLE es_events DROP CONSTRAINT es_events_stream_revision_key, DROP CONSTRAINT es_events_stream_event_id_key',
  );
  await fill();
  // Both unique indexes and the stream table at once (each is one sort over the whole table), then attached as the
  // constraints the migration declares.
  await Promise.all([
    withMaintenanceMemory(
      db,
      'CREATE UNIQUE INDEX es_events_stream_revision_key ON es_events (stream_id, stream_revision)',
    ),
    withMaintenanceMemory(db, 'CREATE UNIQUE INDEX es_events_stream_event_id_key ON es_events (stream_id, event_id)'),
    withMaintenanceMemory(
      db,
      `INSERT INTO es_streams (stream_id, last_revision)
       SELECT stream_id, max(stream_revision) FROM es_events GROUP BY stream_id
       ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision`,
    ),
  ]);
  await db.pool.query(`
    ALTER TABLE es_events
      ADD CONSTRAINT es_events_stream_revision_key UNIQUE USING INDEX es_events_stream_revision_key,
      ADD CONSTRAINT es_events_stream_event_id_key UNIQUE USING INDEX es_events_stream_event_id_key`);
  await db.pool.query(
    `SELECT setval(pg_get_serial_sequence('es_events', 'global_position'), (SELECT max(global_position) FROM es_events))`,
  );
  // As a live table would be: hint bits set and statistics known, so the first reader does not pay for the load.
  await db.pool.query('VACUUM (ANALYZE) es_events');
  await db.pool.query('VACUUM (ANALYZE) es_streams');
}

/** A bulk statement with room to sort in memory (the default 64 MB spills a million-row sort to disk). */
async function withMaintenanceMemory(db: BenchDatabase, sql: string): Promise<void> {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    await client.query(`SET LOCAL work_mem = '256MB'`);
    await client.query(sql);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function assertLoaded(db: BenchDatabase, count: number): Promise<void> {
  const { rows } = await db.pool.query<{ count: string }>('SELECT count(*)::text AS count FROM es_events');
  if (Number(rows[0]?.count) !== count) throw new Error(`loaded ${rows[0]?.count} events instead of ${count}`);
}
