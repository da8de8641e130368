import type { ClientBase, Pool } from 'pg';
import { validateAppend } from '../append-validation';
import { InvalidAppend } from '../event-store.errors';
import type { AppendOptions, AppendResult, EventData, ExpectedRevision } from '../event-store.port';
import { appendError } from './postgres-errors';

/** Anything that runs a query: a pool (its own transaction per call) or a client inside the caller's transaction. */
export type Queryable = Pick<Pool, 'query'> | Pick<ClientBase, 'query'>;

interface AppendRow {
  next_revision: string;
  commit_position: string;
  prepare_position: string;
}

const APPEND_SQL = `
  SELECT next_revision::text, commit_position::text, prepare_position::text
  FROM es_append_to_stream($1, $2, $3, $4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[])`;

/**
 * Appends with the port's semantics (see `EventStore.appendToStream`) through `es_append_to_stream`, in one round trip.
 *
 * On a client, the append joins the caller's open transaction and commits or rolls back with it. It must then be the
 * transaction's first write (anything written before assigns a transaction id early, which could put this append
 * before an earlier one of the same stream in `$all`); otherwise it throws `InvalidAppend` and the transaction is
 * aborted. On PGlite, do not await other connections while that transaction is open: they wait for it.
 */
export async function appendToStreamWith(
  db: Queryable,
  streamId: string,
  events: readonly EventData[],
  options: AppendOptions,
): Promise<AppendResult> {
  const serialised = validateAppend(streamId, events);
  const expected = options.expectedRevision;
  const [kind, revision] = expectedRevisionParameters(streamId, expected);
  try {
    const result = await db.query<AppendRow>(APPEND_SQL, [
      streamId,
      kind,
      revision,
      events.map((event) => event.id.toLowerCase()),
      events.map((event) => event.type),
      serialised.map((event) => event.data),
      serialised.map((event) => event.metadata),
    ]);
    const row = result.rows[0];
    if (row === undefined) throw new Error('es_append_to_stream returned no row');
    return {
      nextExpectedRevision: BigInt(row.next_revision),
      position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
    };
  } catch (error) {
    throw appendError(error, streamId, expected);
  }
}

function expectedRevisionParameters(streamId: string, expected: ExpectedRevision): [string, string | null] {
  if (typeof expected === 'bigint') {
    if (expected < 0n || expected > 0x7fff_ffff_ffff_ffffn) {
      throw new InvalidAppend(streamId, 'expected revision must be a non-negative 64-bit integer');
    }
    return ['exact', expected.toString()];
  }
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return [expected, null];
  throw new InvalidAppend(streamId, 'expected revision must be any, no_stream, stream_exists or a revision');
}
