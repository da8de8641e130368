import { randomUUID } from 'node:crypto';
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

/** One batch of history events: revisions, types, data and metadata built in the database from parallel arrays. */
const HISTORY_INSERT = `
  INSERT INTO es_events (global_position, transaction_id, stream_id, stream_revision, event_id, event_type, data,
    metadata, created)
  OVERRIDING SYSTEM VALUE
  SELECT $1::bigint + n, ($2::bigint + $1::bigint + n)::text::xid8, stream_id, revision, gen_random_uuid(), type,
    data::jsonb,
    jsonb_build_object('actorId', ${uuid('3c9b2a1d-4e5f-4a7b-8c6d-', 'n % 500')}, 'organisationId', organisation_id,
      'roles', '["social_worker"]'::jsonb, 'correlationId', gen_random_uuid(),
      'occurredAt', to_char(created AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
    created
  FROM unnest($3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
    WITH ORDINALITY AS e(stream_id, revision, type, data, organisation_id, created, n)`;
export const HISTORY_BATCH = 5_000;

/**
 * The seeded W13 history (`w13-history.ts`) into the event store, in recording order: revisions numbered per stream,
 * one transaction id per event below the horizon (so every event is visible at once), `created` the recording time,
 * metadata as the command executor writes it. `expected` is an upper bound of the number of events (transaction ids
 * are reserved for it; more is an error). Each batch is inserted while Node generates the next; `alongside`, if
 * given, gets every batch as the store will hold it (positions, revisions, `created`) and runs at the same time as
 * its insert, on its own connection, one batch after the other. Returns the number of events.
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
    let inFlight: Promise<unknown> = Promise.resolve();
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
      const parameters = [
        first,
        lowest.toString(),
        batch.map((event) => event.streamId),
        batchRevisions,
        batch.map((event) => event.type),
        batch.map((event) => JSON.stringify(event.data)),
        batch.map((event) => event.organisationId),
        batch.map((event) => event.recordedAt),
      ];
      const recorded = alongside && asRecorded(batch, batchRevisions, first, lowest);
      batch = [];
      await inFlight;
      if (failure !== undefined) throw failure;
      inFlight = Promise.all([
        db.pool.query(HISTORY_INSERT, parameters).catch(fail),
        recorded && alongside?.(recorded).catch(fail),
      ]);
    };
    for (const event of events) {
      batch.push(event);
      count++;
      if (batch.length === HISTORY_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    await inFlight;
    if (failure !== undefined) throw failure;
  });
  await assertLoaded(db, count);
  return count;
}

/** A batch as `HISTORY_INSERT` stores it: global position `first + 1 + index`, transaction id `lowest` + that. */
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
  await db.pool.query(`
    ALTER TABLE es_events
      ADD CONSTRAINT es_events_stream_revision_key UNIQUE (stream_id, stream_revision),
      ADD CONSTRAINT es_events_stream_event_id_key UNIQUE (stream_id, event_id)`);
  await db.pool.query(
    `SELECT setval(pg_get_serial_sequence('es_events', 'global_position'), (SELECT max(global_position) FROM es_events))`,
  );
  await db.pool.query(`
    INSERT INTO es_streams (stream_id, last_revision)
    SELECT stream_id, max(stream_revision) FROM es_events GROUP BY stream_id
    ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision`);
  // As a live table would be: hint bits set and statistics known, so the first reader does not pay for the load.
  await db.pool.query('VACUUM (ANALYZE) es_events');
  await db.pool.query('VACUUM (ANALYZE) es_streams');
}

async function assertLoaded(db: BenchDatabase, count: number): Promise<void> {
  const { rows } = await db.pool.query<{ count: string }>('SELECT count(*)::text AS count FROM es_events');
  if (Number(rows[0]?.count) !== count) throw new Error(`loaded ${rows[0]?.count} events instead of ${count}`);
}
